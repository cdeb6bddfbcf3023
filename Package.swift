// swift-tools-version:6.0
import PackageDescription

// Warnings are errors in our own targets: the project promises a build with no warnings.
let strict: [SwiftSetting] = [.unsafeFlags(["-warnings-as-errors"])]

let package = Package(
    name: "callboard",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "callboard", targets: ["callboard"]),
    ],
    dependencies: [
        // Subcommands, options and help text for the `callboard` command line.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // YAML for data a desk edits by hand: the SLA policy and the demo desk.
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // Property tests of the deadline arithmetic (tests only).
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
        // Heap: the console's tick keeps the next instant each call can change at (TickAgenda).
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        // CSV: spreadsheets saved as CSV, read for `import technicians` (CSVTable).
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // The only C: ncursesw through a module map and a shim of inline wrappers.
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // SQLite's C API, for the benchmark only: the journal is measured side by side with
        // SQLite doing the same work (BENCHMARKS.md).
        .systemLibrary(
            name: "CSQLite3",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // libpq, PostgreSQL's own C client, for a desk whose log is kept in PostgreSQL: it is
        // synchronous and its socket joins the console's poll beside the keyboard (README).
        .systemLibrary(
            name: "CLibpq",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // CRC-32C for journal records, in C for the processor's crc32 instruction.
        .target(name: "CCRC32C"),
        // Pure domain: calls, technicians, events, commands → events, reducer, timers.
        .target(
            name: "CallboardCore",
            dependencies: [.product(name: "Yams", package: "Yams"), .product(name: "HeapModule", package: "swift-collections"),
                           .product(name: "CSV", package: "CSV.swift")],
            swiftSettings: strict
        ),
        // The journal: framing, checksums, append under lock, replay, follow.
        .target(
            name: "CallboardStore",
            dependencies: ["CallboardCore", "CCRC32C", "CLibpq"],
            swiftSettings: strict
        ),
        // The screen: terminal wrapper, display width, presenters, views, keymap, run loop.
        .target(
            name: "CallboardTUI",
            dependencies: ["CallboardCore", "CallboardStore", "CNcursesw", "CallboardResources", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        // Data files shipped with the binary (demo desk; later the default policy and
        // translations) plus the one accessor that finds them.
        .target(
            name: "CallboardResources",
            path: "Resources",
            sources: ["CallboardResources.swift"],
            resources: [.copy("demo"), .copy("policy"), .copy("i18n")],
            swiftSettings: strict
        ),
        // The executable: argument parsing and wiring, nothing else.
        .executableTarget(
            name: "callboard",
            dependencies: [
                "CallboardCore", "CallboardStore", "CallboardTUI", "CallboardResources",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // Reproduces the figures in BENCHMARKS.md (run it in release mode).
        .executableTarget(
            name: "callboard-bench",
            dependencies: ["CallboardCore", "CallboardStore", "CallboardTUI", "CallboardResources", "CSQLite3"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CallboardCoreTests",
            dependencies: ["CallboardCore", "CallboardResources", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strict
        ),
        // FuzzCorpus holds inputs the fuzz tests replay; they read it from the source tree.
        .testTarget(name: "CallboardStoreTests", dependencies: ["CallboardStore", "CCRC32C"], exclude: ["FuzzCorpus"], swiftSettings: strict),
        .testTarget(name: "CallboardTUITests", dependencies: ["CallboardTUI"], swiftSettings: strict),
        // The command line's own parts (the language it speaks) and the string tables of the
        // journal and the command line: every message has its Chinese, with the same holes.
        .testTarget(
            name: "CommandLineTests",
            dependencies: ["callboard", "CallboardCore", "CallboardStore", "CallboardTUI", "CallboardResources", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        // Drives the real `callboard` binary: as a process, and full screen inside tmux.
        .testTarget(name: "EndToEndTests", dependencies: ["CallboardCore", "CallboardStore", "CallboardTUI"], swiftSettings: strict),
    ]
)
