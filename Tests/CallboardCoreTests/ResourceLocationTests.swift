import CallboardResources
import Foundation
import Testing

/// Where the binary looks for its data files, in order, and what it says when they are nowhere.
@Suite struct ResourceLocationTests {
    typealias Location = CallboardResources.Location

    @Test func theEnvironmentThenShareBesideBinThenSwiftPMsBundle() {
        let places = Location.candidates(environment: ["CALLBOARD_RESOURCES": "/srv/data"], executable: "/usr/bin/callboard")
        #expect(places == ["/srv/data", "/usr/share/callboard", "/usr/bin/callboard_CallboardResources.resources"])
        let unpacked = Location.candidates(environment: [:], executable: "/tmp/x/usr/bin/callboard")
        #expect(unpacked == ["/tmp/x/usr/share/callboard", "/tmp/x/usr/bin/callboard_CallboardResources.resources"])
    }

    @Test func theFirstFolderThatExistsIsTaken() {
        let exists: Set<String> = ["/usr/share/callboard", "/usr/bin/callboard_CallboardResources.resources"]
        let found = Location.find(environment: [:], executable: "/usr/bin/callboard", isFolder: exists.contains)
        #expect(found == .success(URL(fileURLWithPath: "/usr/share/callboard", isDirectory: true)))
        let build = Location.find(environment: [:], executable: "/w/.build/debug/callboard",
                                  isFolder: { $0 == "/w/.build/debug/callboard_CallboardResources.resources" })
        #expect(build == .success(URL(fileURLWithPath: "/w/.build/debug/callboard_CallboardResources.resources", isDirectory: true)))
    }

    @Test func aNamedFolderIsTheOnlyOneLookedAt() {
        let found = Location.find(environment: ["CALLBOARD_RESOURCES": "/srv/typo"], executable: "/usr/bin/callboard",
                                  isFolder: { $0 == "/usr/share/callboard" })
        #expect(found == .failure(ResourcesNotFound(looked: ["/srv/typo"], fromEnvironment: true)))
        // An empty variable is as good as none.
        let empty = Location.find(environment: ["CALLBOARD_RESOURCES": ""], executable: "/usr/bin/callboard",
                                  isFolder: { $0 == "/usr/share/callboard" })
        #expect(empty == .success(URL(fileURLWithPath: "/usr/share/callboard", isDirectory: true)))
    }

    @Test func nowhereSaysEveryPlaceLookedAndTheFix() {
        let found = Location.find(environment: [:], executable: "/opt/cb/bin/callboard", isFolder: { _ in false })
        guard case .failure(let problem) = found else { Issue.record("found \(found)"); return }
        #expect(problem.looked == ["/opt/cb/share/callboard", "/opt/cb/bin/callboard_CallboardResources.resources"])
        #expect(problem.description.contains("/opt/cb/share/callboard nor /opt/cb/bin/callboard_CallboardResources.resources"))
        #expect(problem.description.contains("CALLBOARD_RESOURCES"))
    }

    @Test func theTestsThemselvesFindTheBundleBesideTheirRunner() throws {
        #expect(Location.isFolder(try CallboardResources.folder().appendingPathComponent("i18n/zh").path))
    }
}
