/// callboard's version, stated here only: `callboard --version` prints it, and scripts/package
/// names and stamps the .deb with what the built binary prints.
enum CallboardVersion {
    static let current = "0.7.0"
}
