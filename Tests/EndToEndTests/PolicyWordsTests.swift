import Foundation
import Testing

/// What the policy verbs say in Chinese: the conditions of a rule in one wording for `policy
/// check` and `policy explain`, a rule by its label, and a policy file that cannot be read by
/// why, in the run's language.
@Suite struct PolicyWordsTests {
    static let chinese = ["LANG": "zh_CN.UTF-8", "LC_ALL": ""]

    static var builtIn: String {
        get throws { try CallboardCLI.succeed(["policy", "default"], journal: nil) }
    }

    @Test func policyCheckInChineseSaysTheConditionsAsExplainDoes() throws {
        let scratch = try Scratch()
        let file = scratch.path("policy.yaml")
        try Self.builtIn.write(toFile: file, atomically: true, encoding: .utf8)
        let checked = try CallboardCLI.run(["policy", "check", file], environment: Self.chinese)
        #expect(checked.status == 0, "\(checked)")
        let lines = checked.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("  第 67 行：emergency contract（紧急合同）——合同等级 emergency：response 全天候 30m，onsite 全天候 2h，restore 全天候 4h"),
                "\(checked.stdout)")
        #expect(lines.contains("  第 81 行：level 1-2 in the city（市区 1-2 级）——1 或 2 级，区域 city：onsite 全天候 1h"), "\(checked.stdout)")
        #expect(lines.contains("  第 111 行：general promise（一般承诺）——所有报修：response 全天候 24h，onsite 全天候 12h，restore 全天候 24h"),
                "\(checked.stdout)")
        for english in ["every call", "level 1 or 2", "tier emergency", "kind complaint", "'"] {
            #expect(!checked.stdout.contains(english), "\(english) in \(checked.stdout)")
        }
        #expect(checked.stdout.contains("升级“tell the technician”（通知技术员）："), "\(checked.stdout)")

        let english = try CallboardCLI.succeed(["policy", "check", file], journal: nil)
        #expect(english.contains("  line 81: level 1-2 in the city — level 1 or 2, region city: onsite 1h round the clock"), "\(english)")
        #expect(english.contains("  line 111: general promise — every call: response 24h round the clock"), "\(english)")
        #expect(english.contains("Escalation 'tell the technician': at warning of any timer, notify technician."), "\(english)")
    }

    @Test func policyExplainInChineseCitesARuleByItsLabel() throws {
        let scratch = try Scratch()
        try CallboardCLI.succeed(["intake", "--customer", "上海地铁", "--phone", "021-5068 9920", "--summary", "UPS 断电", "--level", "1",
                                  "--region", "city", "--tier", "emergency"], journal: scratch.journal)
        let chinese = try CallboardCLI.succeed(["policy", "explain", "C-0001", "--lang", "zh"], journal: scratch.journal)
        #expect(chinese.contains("依据规则“紧急合同”（合同等级 emergency，服务政策第 67 行）"), "\(chinese)")
        #expect(!chinese.contains("emergency contract"), "\(chinese)")
        let english = try CallboardCLI.succeed(["policy", "explain", "C-0001"], journal: scratch.journal)
        #expect(english.contains("rule \"emergency contract\" (tier emergency, policy line 67)"), "\(english)")
    }

    @Test func aPolicyFileThatCannotBeReadSaysWhyInTheRunsLanguage() throws {
        let scratch = try Scratch()
        let missing = scratch.path("nonexist.yaml")
        let check = try CallboardCLI.run(["policy", "check", missing])
        #expect(check.status == 64, "\(check)")
        #expect(check.stderr == "callboard: cannot read the policy file \(missing): there is no such file; check the path\n", "\(check)")
        let folder = try CallboardCLI.run(["policy", "check", scratch.url.path], environment: Self.chinese)
        #expect(folder.status == 64, "\(folder)")
        #expect(folder.stderr == "callboard: 无法读取服务政策文件 \(scratch.url.path)：这是一个文件夹，请给出其中文件的路径\n", "\(folder)")
        let byFlag = try CallboardCLI.run(["list", "--policy", missing], journal: scratch.journal)
        #expect(byFlag.status == 64, "\(byFlag)")
        #expect(byFlag.stderr.contains("cannot read the policy file \(missing) (given by --policy): there is no such file; check the path"), "\(byFlag)")
        let byEnvironment = try CallboardCLI.run(["list"], journal: scratch.journal, environment: ["CALLBOARD_POLICY": missing, "LANG": "zh_CN.UTF-8", "LC_ALL": ""])
        #expect(byEnvironment.status == 64, "\(byEnvironment)")
        #expect(byEnvironment.stderr.contains("无法读取服务政策文件 \(missing)（来自 CALLBOARD_POLICY）：文件不存在，请检查路径"), "\(byEnvironment)")
        let aFile = scratch.path("plain.yaml")
        try "time_zone: Asia/Shanghai\n".write(toFile: aFile, atomically: true, encoding: .utf8)
        let notFolder = try CallboardCLI.run(["policy", "check", aFile + "/policy.yaml"])
        #expect(notFolder.status == 64 && notFolder.stderr.contains("a part of the path is not a folder; check the path"), "\(notFolder)")
        let loop = scratch.path("loop.yaml")
        try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: loop)
        let looped = try CallboardCLI.run(["policy", "check", loop], environment: Self.chinese)
        #expect(looped.status == 64 && looped.stderr == "callboard: 无法读取服务政策文件 \(loop)：符号链接层数过多，请检查路径\n", "\(looped)")
        for result in [check, folder, byFlag, byEnvironment, notFolder, looped] {
            #expect(!result.stderr.contains("NSCocoaErrorDomain") && !result.stderr.contains("operation could not be completed"), "\(result)")
        }
    }
}
