import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The notification recipes in contrib/notify, run as the Notifier runs them, against a local
/// server that records the request: each must send exactly what its platform documents (the
/// signing included), keep hostile text inside its JSON string, and exit non-zero when the
/// platform refuses, so that callboard tries again and records the failure.
@Suite struct NotificationRecipeTests {
    /// contrib/notify in this source tree.
    static let recipes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("contrib/notify").path

    /// Text that would break JSON, or a terminal, if passed through as it is.
    static let hostileCustomer = "上海\"华东\"电气\\有限公司 {\"x\":1}"
    static let hostileSummary = "主控服务器宕机\n第二行\t制表\u{01}\u{1B}[31m红色\u{7F}"

    /// The fields the Notifier passes for an escalation telling the technician.
    static let escalation: [String: String] = [
        "CALLBOARD_EVENT": "escalated", "CALLBOARD_CALL": "C-0007", "CALLBOARD_STEP": "technician late",
        "CALLBOARD_NOTIFY": "technician", "CALLBOARD_TIMER": "onsite", "CALLBOARD_TIMER_STATE": "breached",
        "CALLBOARD_DEADLINE": "2026-12-06T10:00:00+08:00", "CALLBOARD_CUSTOMER": hostileCustomer,
        "CALLBOARD_PHONE": "021-6952 3310", "CALLBOARD_SUMMARY": hostileSummary, "CALLBOARD_LEVEL": "1",
        "CALLBOARD_REGION": "city", "CALLBOARD_STATUS": "assigned", "CALLBOARD_TECH": "T03",
        "CALLBOARD_TECH_NAME": "王磊", "CALLBOARD_TECH_PHONE": "138 1762 0341",
    ]

    func recipe(_ name: String, _ environment: [String: String]) throws -> CLIResult {
        // Nothing of the developer's own settings reaches the recipe.
        var clean = Self.escalation.merging(environment) { $1 }
        for key in ["CALLBOARD_WECOM_WEBHOOK", "CALLBOARD_DINGTALK_WEBHOOK", "CALLBOARD_DINGTALK_SECRET", "CALLBOARD_FEISHU_WEBHOOK",
                    "CALLBOARD_FEISHU_SECRET", "CALLBOARD_SMS_URL", "CALLBOARD_SMS_TO", "CALLBOARD_NOTIFY_LANG"] where clean[key] == nil {
            clean[key] = ""
        }
        // Nor this machine's settings file.
        if clean["CALLBOARD_NOTIFY_ENV"] == nil { clean["CALLBOARD_NOTIFY_ENV"] = "/nonexistent/notify.env" }
        return try CallboardCLI.run(["/bin/sh", "\(Self.recipes)/\(name)"], environment: clean, program: "sh")
    }

    /// base64(HMAC-SHA256(key, message)) by openssl's own HMAC (the recipes build theirs around
    /// a plain SHA-256), to check the recipes' signing against.
    func hmac(key: String, message: String) throws -> String {
        let result = try CallboardCLI.run(["/bin/sh", "-c", "printf '%s' \"$M\" | openssl dgst -sha256 -hmac \"$K\" -binary | base64"],
                                          environment: ["K": key, "M": message], program: "sh")
        guard result.status == 0 else { throw HarnessError("openssl: \(result)") }
        return result.line
    }

    /// The message's text holds the hostile fields exactly, and the call's facts.
    func checkText(_ text: String, english: Bool = false) {
        #expect(text.contains(Self.hostileCustomer), "\(text)")
        #expect(text.contains(Self.hostileSummary), "\(text)")
        #expect(text.contains("C-0007") && text.contains("technician late") && text.contains("王磊"), "\(text)")
        if english {
            #expect(text.contains("Escalation: C-0007") && text.contains("Customer: "), "\(text)")
        } else {
            #expect(text.contains("升级：C-0007") && text.contains("客户：") && text.contains("截止 2026-12-06T10:00:00+08:00"), "\(text)")
        }
    }

    /// lib.sh's pieces, run by themselves.
    func lib(_ script: String, _ environment: [String: String] = [:]) throws -> CLIResult {
        try CallboardCLI.run(["/bin/sh", "-c", ". \"$CB_LIB\"; " + script], environment: environment.merging(["CB_LIB": "\(Self.recipes)/lib.sh"]) { $1 },
                             program: "sh")
    }

    /// RFC 4231's test cases 2 (a short key) and 6 (a key longer than SHA-256's block, hashed first).
    @Test func theHMACIsRFC4231s() throws {
        let short = try lib(#"cb_hmac_sha256_base64 Jefe "what do ya want for nothing?" | base64 -d | od -An -tx1 | tr -d ' \n'"#)
        #expect(short.stdout == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", "\(short)")
        let long = try lib(#"cb_hmac_sha256_base64 "$(printf '\252%.0s' $(seq 131))" "Test Using Larger Than Block-Size Key - Hash Key First" | base64 -d | od -An -tx1 | tr -d ' \n'"#)
        #expect(long.stdout == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54", "\(long)")
    }

    /// Every control character, quotes and backslashes come back from the JSON exactly.
    @Test func anyTextSurvivesAsAJSONString() throws {
        let controls = String(String.UnicodeScalarView((1...31).compactMap(Unicode.Scalar.init) + [Unicode.Scalar(0x7F)]))
        let text = "\"引号\" \\反斜杠\\ \(controls) 中文 é 😀 </script> \\u0000"
        let result = try lib(#"cb_json "$T""#, ["T": text])
        #expect(result.status == 0, "\(result)")
        let decoded = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8), options: .fragmentsAllowed) as? String
        #expect(decoded == text, "\(result.stdout)")
        #expect(!result.stdout.utf8.contains { $0 < 0x20 || $0 == 0x7F }, "\(result.stdout)")
    }

    @Test func weComGetsItsDocumentedTextMessage() throws {
        let server = try RecordingServer(answer: #"{"errcode":0,"errmsg":"ok"}"#)
        let result = try recipe("wecom", ["CALLBOARD_WECOM_WEBHOOK": server.url("/cgi-bin/webhook/send?key=693a91f6-7xxx"),
                                          "CALLBOARD_WECOM_MENTION": "139-0000-1111, @all"])
        #expect(result.status == 0, "\(result)")
        let request = try #require(server.requests.first)
        #expect(server.requests.count == 1)
        #expect(request.method == "POST" && request.path == "/cgi-bin/webhook/send", "\(request)")
        #expect(request.query("key") == "693a91f6-7xxx", "\(request)")
        #expect(request.headers["content-type"] == "application/json", "\(request)")
        let body = try request.json()
        #expect(Set(body.keys) == ["msgtype", "text"], "\(body)")
        #expect(body["msgtype"] as? String == "text")
        let text = try #require(body["text"] as? [String: Any])
        checkText(try #require(text["content"] as? String))
        // The listed numbers and, since the step tells the technician, the engineer's.
        #expect(text["mentioned_mobile_list"] as? [String] == ["13900001111", "@all", "13817620341"], "\(text)")
        // Every control character is escaped inside the JSON string, none raw in the body.
        #expect(!request.body.contains { $0 < 0x20 || $0 == 0x7F }, "\(request.text)")
        #expect(request.text.contains(#"\n第二行\t制表\u0001\u001b[31m红色\u007f"#), "\(request.text)")
    }

    @Test func weComRefusingMakesTheRecipeFail() throws {
        let server = try RecordingServer(answer: #"{"errcode":93000,"errmsg":"invalid webhook url"}"#)
        let result = try recipe("wecom", ["CALLBOARD_WECOM_WEBHOOK": server.url("/cgi-bin/webhook/send?key=wrong")])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("wecom: WeCom refused it: errcode 93000"), "\(result)")
        server.answer("bad gateway", status: 502)
        let http = try recipe("wecom", ["CALLBOARD_WECOM_WEBHOOK": server.url("/cgi-bin/webhook/send?key=k")])
        #expect(http.status == 1 && http.stderr.contains("HTTP 502"), "\(http)")
        let unset = try recipe("wecom", [:])
        #expect(unset.status == 78 && unset.stderr.contains("CALLBOARD_WECOM_WEBHOOK is not set"), "\(unset)")
        let nobody = try recipe("wecom", ["CALLBOARD_WECOM_WEBHOOK": "http://127.0.0.1:1/cgi-bin/webhook/send?key=k"])
        #expect(nobody.status == 75 && nobody.stderr.contains("no answer"), "\(nobody)")
    }

    /// Settings every process that may send needs (the watch, each console) may come from the
    /// desk's settings file, read as data: the environment wins, nothing in it is run.
    @Test func settingsComeFromTheDesksFileWhenTheEnvironmentLacksThem() throws {
        let server = try RecordingServer(answer: #"{"errcode":0,"errmsg":"ok"}"#)
        let scratch = try Scratch()
        let settings = scratch.path("notify.env")
        let marker = scratch.path("ran")
        try """
            # the desk's robot
            CALLBOARD_WECOM_WEBHOOK="\(server.url("/cgi-bin/webhook/send?key=from-file"))"
            CALLBOARD_WECOM_MENTION=$(touch \(marker))
            CALLBOARD_X;touch \(marker)=1
            """.write(toFile: settings, atomically: true, encoding: .utf8)
        let result = try recipe("wecom", ["CALLBOARD_NOTIFY_ENV": settings, "CALLBOARD_NOTIFY": "supervisor"])
        #expect(result.status == 0, "\(result)")
        #expect(server.requests.last?.query("key") == "from-file", "\(server.requests)")
        #expect(!FileManager.default.fileExists(atPath: marker), "nothing in the file is run")
        let mine = try recipe("wecom", ["CALLBOARD_NOTIFY_ENV": settings, "CALLBOARD_WECOM_WEBHOOK": server.url("/cgi-bin/webhook/send?key=mine")])
        #expect(mine.status == 0 && server.requests.last?.query("key") == "mine", "\(mine)")
    }

    /// Whoever may write the settings file chooses where every escalation goes: the recipes
    /// refuse one that is not root's or the user's, or that others may write (78, saying why),
    /// and the doctor fails the same files by the same rule.
    @Test func aSettingsFileOthersMayWriteIsRefusedByTheRecipesAndTheDoctorAlike() throws {
        let server = try RecordingServer(answer: #"{"errcode":0,"errmsg":"ok"}"#)
        let scratch = try Scratch()
        let settings = scratch.path("notify.env")
        try "CALLBOARD_WECOM_WEBHOOK=\(server.url("/attacker?key=stolen"))\n".write(toFile: settings, atomically: true, encoding: .utf8)
        var cases: [(mode: mode_t, owner: uid_t, refused: String?)] = [
            (0o666, geteuid(), "may be written by others than its owner (mode 0666): chmod go-w \(settings)"),
            (0o660, geteuid(), "may be written by others than its owner (mode 0660)"),
            (0o602, geteuid(), "(mode 0602)"),
            (0o640, geteuid(), nil), (0o600, geteuid(), nil), (0o644, geteuid(), nil),
        ]
        // Another user's file (only root may give a file away).
        if geteuid() == 0 { cases.append((0o640, 65534, "neither root nor you (root): chown root \(settings)")) }
        for (mode, owner, refused) in cases {
            #expect(chown(settings, owner, getegid()) == 0 && chmod(settings, mode) == 0)
            let before = server.requests.count
            let result = try recipe("wecom", ["CALLBOARD_NOTIFY_ENV": settings, "CALLBOARD_NOTIFY": "supervisor"])
            let doctor = try CallboardCLI.run(["doctor", "--notify-command", "\(Self.recipes)/wecom"], journal: scratch.journal,
                                              environment: ["TERM": "xterm-256color", "CALLBOARD_NOTIFY_ENV": settings, "CALLBOARD_WECOM_WEBHOOK": ""])
            let line = doctor.stdout.split(separator: "\n").first { $0.contains("notify.env: ") }.map(String.init) ?? ""
            if let refused {
                #expect(result.status == 78 && result.stderr.contains("wecom: the settings file \(settings) ") && result.stderr.contains(refused), "\(mode): \(result)")
                #expect(server.requests.count == before, "nothing is sent on a refused file")
                #expect(line.hasPrefix("fail  notify.env: \(settings)") && doctor.status == 1, "\(mode): \(doctor)")
                #expect(line.contains("chmod go-w \(settings)") || line.contains("chown root \(settings)"), "\(line)")
            } else {
                #expect(result.status == 0 && server.requests.last?.path == "/attacker", "\(mode): \(result)")
                #expect(line.hasPrefix(mode & 0o004 != 0 ? "warn  notify.env: " : "ok    notify.env: "), "\(mode): \(doctor)")
                #expect(doctor.stdout.contains("ok    recipe: wecom: CALLBOARD_WECOM_WEBHOOK set (in \(settings))"), "\(doctor)")
            }
        }
    }

    /// A settings file saved by a Windows editor (a byte order mark, CRLF) reads as any other,
    /// in the recipes and in the doctor.
    @Test func aSettingsFileWithWindowsLineEndingsWorks() throws {
        let server = try RecordingServer(answer: #"{"errcode":0,"errmsg":"ok"}"#)
        let scratch = try Scratch()
        let settings = scratch.path("notify.env")
        let text = "\u{FEFF}CALLBOARD_WECOM_WEBHOOK=\(server.url("/cgi-bin/webhook/send?key=K1"))\r\nCALLBOARD_WECOM_MENTION=\"13800001111\"\r\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: settings))
        #expect(chmod(settings, 0o640) == 0)
        let result = try recipe("wecom", ["CALLBOARD_NOTIFY_ENV": settings, "CALLBOARD_NOTIFY": "supervisor"])
        #expect(result.status == 0, "\(result)")
        let request = try #require(server.requests.last)
        #expect(request.query("key") == "K1", "\(request)")
        #expect((try request.json()["text"] as? [String: Any])?["mentioned_mobile_list"] as? [String] == ["13800001111"], "\(request)")
        let doctor = try CallboardCLI.run(["doctor", "--notify-command", "\(Self.recipes)/wecom"], journal: scratch.journal,
                                          environment: ["TERM": "xterm-256color", "CALLBOARD_NOTIFY_ENV": settings, "CALLBOARD_WECOM_WEBHOOK": ""])
        #expect(doctor.stdout.contains("ok    recipe: wecom: CALLBOARD_WECOM_WEBHOOK set (in \(settings))"), "\(doctor)")
    }

    /// WeCom refuses text.content over 2048 bytes of UTF-8: a 1,000-character Chinese summary is
    /// shortened (at a character, before JSON escaping, ending with "…"), the rest kept whole.
    @Test func aLongChineseSummaryIsCutToFitWeComsLimit() throws {
        let server = try RecordingServer(answer: #"{"errcode":0,"errmsg":"ok"}"#)
        for summary in [String(repeating: "空调不制冷", count: 200), String(repeating: "空\"调\\不制冷", count: 143)] {
            let result = try recipe("wecom", ["CALLBOARD_WECOM_WEBHOOK": server.url("/cgi-bin/webhook/send?key=k"), "CALLBOARD_SUMMARY": summary])
            #expect(result.status == 0, "\(result)")
            let request = try #require(server.requests.last)
            #expect(String(data: request.body, encoding: .utf8) != nil, "valid UTF-8")
            let content = try #require((try request.json()["text"] as? [String: Any])?["content"] as? String)
            #expect(content.utf8.count <= 2048 && content.utf8.count > 1900, "\(content.utf8.count)")
            #expect(content.contains("升级：C-0007") && content.contains("客户：\(Self.hostileCustomer)") && content.contains("截止 2026-12-06T10:00:00+08:00"), "\(content)")
            // The summary is what was shortened; the level after it is kept.
            let fault = try #require(content.split(separator: "\n").first { $0.hasPrefix("故障：") })
            #expect(fault.hasSuffix("…（1 级，city）") && summary.hasPrefix(fault.dropFirst(3).dropLast("…（1 级，city）".count)), "\(fault)")
            #expect(content.contains("技术员：T03 王磊"), "\(content)")
        }
        // A short message is sent whole.
        let short = try recipe("wecom", ["CALLBOARD_WECOM_WEBHOOK": server.url("/cgi-bin/webhook/send?key=k")])
        #expect(short.status == 0)
        checkText(try #require((try server.requests.last?.json()["text"] as? [String: Any])?["content"] as? String))
        // A limit of one's own, for DingTalk (the mention counted in) and an SMS gateway.
        let summary = String(repeating: "空调不制冷", count: 200)
        let dingtalk = try recipe("dingtalk", ["CALLBOARD_DINGTALK_WEBHOOK": server.url("/robot/send?access_token=t"), "CALLBOARD_SUMMARY": summary,
                                               "CALLBOARD_DINGTALK_MAX_BYTES": "1000"])
        #expect(dingtalk.status == 0, "\(dingtalk)")
        let dingContent = try #require((try server.requests.last?.json()["text"] as? [String: Any])?["content"] as? String)
        #expect(dingContent.utf8.count <= 1000 && dingContent.hasSuffix("@13817620341") && dingContent.contains("…"), "\(dingContent)")
        let sms = try recipe("sms-http", ["CALLBOARD_SMS_URL": server.url("/sms"), "CALLBOARD_SMS_TO": "13900001111", "CALLBOARD_SMS_MAX_BYTES": "70"])
        #expect(sms.status == 0, "\(sms)")
        let text = try #require(try server.requests.last?.json()["text"] as? String)
        #expect(text.utf8.count <= 70 && text.hasSuffix("…") && text.hasPrefix("[Callboard] 升级：C-0007"), "\(text)")
        // Feishu: no limit by default, the summary whole.
        server.answer(#"{"code":0,"msg":"success","data":{}}"#)
        let feishu = try recipe("feishu", ["CALLBOARD_FEISHU_WEBHOOK": server.url("/open-apis/bot/v2/hook/x"), "CALLBOARD_SUMMARY": summary])
        #expect(feishu.status == 0 && server.requests.last?.text.contains(summary) == true, "\(feishu)")
    }

    /// The robots know a member by the 11-digit mainland number: +86 / 0086 and separators go.
    @Test func aMainlandNumberWithTheCountryCodeIsMentionedAsElevenDigits() throws {
        let server = try RecordingServer(answer: #"{"errcode":0,"errmsg":"ok"}"#)
        let phones = ["CALLBOARD_TECH_PHONE": "+86 139-1234-5678"]
        let wecom = try recipe("wecom", phones.merging(["CALLBOARD_WECOM_WEBHOOK": server.url("/cgi-bin/webhook/send?key=k"),
                                                        "CALLBOARD_WECOM_MENTION": "0086 138 0000 1111, 8613900001111, +852 9123 4567"]) { $1 })
        #expect(wecom.status == 0, "\(wecom)")
        let list = (try server.requests.last?.json()["text"] as? [String: Any])?["mentioned_mobile_list"] as? [String]
        #expect(list == ["13800001111", "13900001111", "85291234567", "13912345678"], "\(String(describing: list))")
        let dingtalk = try recipe("dingtalk", phones.merging(["CALLBOARD_DINGTALK_WEBHOOK": server.url("/robot/send?access_token=t")]) { $1 })
        #expect(dingtalk.status == 0, "\(dingtalk)")
        let body = try #require(try server.requests.last?.json())
        #expect((body["at"] as? [String: Any])?["atMobiles"] as? [String] == ["13912345678"], "\(body)")
        #expect(((body["text"] as? [String: Any])?["content"] as? String)?.hasSuffix("@13912345678") == true, "\(body)")
    }

    @Test func dingTalkGetsASignedQueryAndItsTextMessage() throws {
        let server = try RecordingServer(answer: #"{"errcode":0,"errmsg":"ok"}"#)
        let secret = "SEC4a1b6b1f0d9e8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3"
        let result = try recipe("dingtalk", ["CALLBOARD_DINGTALK_WEBHOOK": server.url("/robot/send?access_token=b8a7f6e5"),
                                             "CALLBOARD_DINGTALK_SECRET": secret])
        #expect(result.status == 0, "\(result)")
        let request = try #require(server.requests.first)
        #expect(request.method == "POST" && request.path == "/robot/send", "\(request)")
        #expect(request.rawQuery.map(\.0) == ["access_token", "timestamp", "sign"], "\(request)")
        #expect(request.query("access_token") == "b8a7f6e5")
        // Milliseconds, within the hour DingTalk allows.
        let timestamp = try #require(request.query("timestamp"))
        let milliseconds = try #require(Int64(timestamp))
        #expect(timestamp.count == 13 && abs(milliseconds - Int64(Date().timeIntervalSince1970 * 1000)) < 3_600_000, "\(timestamp)")
        // sign: HMAC-SHA256 keyed by the secret over timestamp + "\n" + secret, base64, url-encoded.
        let expected = try hmac(key: secret, message: timestamp + "\n" + secret)
        let sign = try #require(request.query("sign"))
        #expect(sign.removingPercentEncoding == expected, "\(sign) vs \(expected)")
        #expect(!sign.contains("+") && !sign.contains("/") && !sign.contains("="), "url-encoded: \(sign)")
        #expect(request.headers["content-type"] == "application/json")
        let body = try request.json()
        #expect(body["msgtype"] as? String == "text")
        let content = try #require((body["text"] as? [String: Any])?["content"] as? String)
        checkText(content)
        let at = try #require(body["at"] as? [String: Any])
        #expect(at["atMobiles"] as? [String] == ["13817620341"] && at["isAtAll"] as? Bool == false, "\(at)")
        // DingTalk shows the mention only when the text names the number.
        #expect(content.hasSuffix("@13817620341"), "\(content)")
    }

    @Test func dingTalkRefusingMakesTheRecipeFailAndNoSecretMeansNoSignature() throws {
        let server = try RecordingServer(answer: #"{"errcode":310000,"errmsg":"sign not match"}"#)
        let refused = try recipe("dingtalk", ["CALLBOARD_DINGTALK_WEBHOOK": server.url("/robot/send?access_token=t"), "CALLBOARD_DINGTALK_SECRET": "SECx"])
        #expect(refused.status == 1 && refused.stderr.contains("DingTalk refused it: errcode 310000"), "\(refused)")
        server.answer(#"{"errcode":0,"errmsg":"ok"}"#)
        let plain = try recipe("dingtalk", ["CALLBOARD_DINGTALK_WEBHOOK": server.url("/robot/send?access_token=t"), "CALLBOARD_NOTIFY": "supervisor"])
        #expect(plain.status == 0, "\(plain)")
        let request = try #require(server.requests.last)
        #expect(request.rawQuery.map(\.0) == ["access_token"], "\(request)")
        let at = try #require(try request.json()["at"] as? [String: Any])
        #expect(at["atMobiles"] as? [String] == [], "only the technician's steps mention the engineer: \(at)")
    }

    @Test func feishuGetsTheSignatureInItsBodyAndEnglishWhenTheDeskSpeaksIt() throws {
        let server = try RecordingServer(answer: #"{"code":0,"msg":"success","data":{}}"#)
        let secret = "qCa9bR3kT8mW2xYz"
        let result = try recipe("feishu", ["CALLBOARD_FEISHU_WEBHOOK": server.url("/open-apis/bot/v2/hook/5b8e2f1c-aaaa"),
                                           "CALLBOARD_FEISHU_SECRET": secret, "CALLBOARD_LANG": "en"])
        #expect(result.status == 0, "\(result)")
        let request = try #require(server.requests.first)
        #expect(request.method == "POST" && request.path == "/open-apis/bot/v2/hook/5b8e2f1c-aaaa" && request.rawQuery.isEmpty, "\(request)")
        #expect(request.headers["content-type"] == "application/json")
        let body = try request.json()
        #expect(Set(body.keys) == ["timestamp", "sign", "msg_type", "content"], "\(body)")
        // Seconds; sign: HMAC-SHA256 keyed by timestamp + "\n" + secret over an empty message, base64.
        let timestamp = try #require(body["timestamp"] as? String)
        let seconds = try #require(Int64(timestamp))
        #expect(timestamp.count == 10 && abs(seconds - Int64(Date().timeIntervalSince1970)) < 3600, "\(timestamp)")
        #expect(body["sign"] as? String == (try hmac(key: timestamp + "\n" + secret, message: "")), "\(body)")
        #expect(body["msg_type"] as? String == "text")
        checkText(try #require((body["content"] as? [String: Any])?["text"] as? String), english: true)
    }

    @Test func feishuRefusingMakesTheRecipeFail() throws {
        let server = try RecordingServer(answer: #"{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}"#)
        let refused = try recipe("feishu", ["CALLBOARD_FEISHU_WEBHOOK": server.url("/open-apis/bot/v2/hook/x"), "CALLBOARD_FEISHU_SECRET": "s"])
        #expect(refused.status == 1 && refused.stderr.contains("Feishu refused it: code 19021"), "\(refused)")
        // Older servers answer StatusCode.
        server.answer(#"{"Extra":null,"StatusCode":0,"StatusMessage":"success"}"#)
        let old = try recipe("feishu", ["CALLBOARD_FEISHU_WEBHOOK": server.url("/open-apis/bot/v2/hook/x")])
        #expect(old.status == 0, "\(old)")
        #expect(try server.requests.last?.json()["sign"] == nil, "no secret, no signature")
    }

    @Test func anSMSGatewayGetsItsTemplateFilledIn() throws {
        let server = try RecordingServer(answer: #"{"result":"queued"}"#)
        let result = try recipe("sms-http", [
            "CALLBOARD_SMS_URL": server.url("/api/v1/sms/send?account=desk"), "CALLBOARD_SMS_TO": "139-0000-1111,13900001111",
            "CALLBOARD_SMS_TEMPLATE": #"{"mobiles":{to_list},"to":"{to}","content":"{text}","sign":"华东售后","note":"{literal}"}"#,
            "CALLBOARD_SMS_HEADER": "Authorization: Bearer t0k3n", "CALLBOARD_SMS_OK": "queued",
        ])
        #expect(result.status == 0, "\(result)")
        let request = try #require(server.requests.first)
        #expect(request.method == "POST" && request.path == "/api/v1/sms/send" && request.query("account") == "desk", "\(request)")
        #expect(request.headers["authorization"] == "Bearer t0k3n" && request.headers["content-type"] == "application/json", "\(request)")
        let body = try request.json()
        #expect(body["mobiles"] as? [String] == ["13900001111", "13817620341"], "\(body)")
        #expect(body["to"] as? String == "13900001111,13817620341", "\(body)")
        #expect(body["sign"] as? String == "华东售后" && body["note"] as? String == "{literal}", "\(body)")
        let content = try #require(body["content"] as? String)
        #expect(content.contains("C-0007") && content.contains(Self.hostileCustomer), "\(content)")

        server.answer(#"{"result":"rejected"}"#)
        let rejected = try recipe("sms-http", ["CALLBOARD_SMS_URL": server.url("/sms"), "CALLBOARD_SMS_TO": "13900001111", "CALLBOARD_SMS_OK": "queued"])
        #expect(rejected.status == 1 && rejected.stderr.contains("did not say queued"), "\(rejected)")
        server.answer("down", status: 500)
        let down = try recipe("sms-http", ["CALLBOARD_SMS_URL": server.url("/sms"), "CALLBOARD_SMS_TO": "13900001111"])
        #expect(down.status == 1 && down.stderr.contains("HTTP 500"), "\(down)")
        let nobody = try recipe("sms-http", ["CALLBOARD_SMS_URL": server.url("/sms"), "CALLBOARD_NOTIFY": "supervisor"])
        #expect(nobody.status == 78 && nobody.stderr.contains("CALLBOARD_SMS_TO"), "\(nobody)")
    }

    /// A desk whose desk.yaml names the wecom recipe, the webhook pointing at `server` in the
    /// environment returned, and a level-1 call taken three hours ago: its promises are broken,
    /// so the next `watch --once` escalates and sends.
    static func deskNotifyingWeCom(_ server: RecordingServer) throws -> (Scratch, [String: String]) {
        let scratch = try Scratch()
        let desk = scratch.path("desk.yaml")
        try "notify: {command: \(Self.recipes)/wecom, timeout: 10s, retries: 0}\n".write(toFile: desk, atomically: true, encoding: .utf8)
        #expect(chmod(desk, 0o644) == 0)
        let environment = ["CALLBOARD_WECOM_WEBHOOK": server.url("/cgi-bin/webhook/send?key=desk-key"), "CALLBOARD_NOTIFY_ENV": "/nonexistent/notify.env"]
        let intake = try CallboardCLI.run(["intake", "--customer", "浦东新区人民医院", "--phone", "021-5830 1120", "--summary", "UPS 报警",
                                           "--level", "1", "--region", "city", "--at", "-3h"], journal: scratch.journal)
        #expect(intake.status == 0, "\(intake)")
        return (scratch, environment)
    }

    /// A Chinese desk's message speaks Chinese throughout: the Notifier passes the step, the
    /// timer, its state and whom it tells in the run's language, and the deadline as the console
    /// shows times; the recipe says those, not the policy's English names and an ISO time.
    @Test func aChineseDesksMessageSaysTheTimerAndDeadlineInChinese() throws {
        let server = try RecordingServer(answer: #"{"errcode":0,"errmsg":"ok"}"#)
        let (scratch, environment) = try Self.deskNotifyingWeCom(server)
        let watch = try CallboardCLI.run(["watch", "--once", "--lang", "zh"], journal: scratch.journal, environment: environment)
        #expect(watch.status == 0, "\(watch)")
        let contents = try server.requests.map { try #require((try $0.json()["text"] as? [String: Any])?["content"] as? String) }
        #expect(!contents.isEmpty, "\(watch)")
        let iso = try Regex(#"T\d\d:\d\d:\d\d[+-]\d\d:\d\d"#)
        let shown = try Regex(#"截止 \d\d-\d\d \d\d:\d\d"#)
        for content in contents {
            #expect(content.contains("升级：C-0001") && content.contains("计时："), "\(content)")
            #expect(content.contains(shown) && !content.contains(iso), "\(content)")
            for english in ["onsite", "response", "breached", "warning", "manager", "supervisor"] {
                #expect(!content.contains(english), "\(english): \(content)")
            }
        }
        // The timer that escalated is on-site (到场), overdue (超时), the step the manager's (经理).
        #expect(contents.contains { $0.contains("到场 超时") && $0.contains("经理") }, "\(contents)")
    }

    /// The Notifier's variables: the labels beside the raw values (which stay as they were), in
    /// the run's language, and CALLBOARD_LANG when `--lang` chose it.
    @Test func theNotifierPassesLabelsInTheRunsLanguage() throws {
        let scratch = try Scratch()
        // One file per message: the Notifier sends side by side, so hooks appending to one
        // file could interleave their lines.
        let log = scratch.path("variables")
        let hook = scratch.path("hook.sh")
        try "#!/bin/sh\nenv | grep '^CALLBOARD_' | sort > \(log)/$$\n".write(toFile: hook, atomically: true, encoding: .utf8)
        #expect(chmod(hook, 0o755) == 0)
        let desk = scratch.path("desk.yaml")
        try "notify: {command: \(hook), timeout: 10s, retries: 0}\n".write(toFile: desk, atomically: true, encoding: .utf8)
        #expect(chmod(desk, 0o644) == 0)
        try CallboardCLI.run(["intake", "--customer", "浦东新区人民医院", "--phone", "021-5830 1120", "--summary", "UPS 报警",
                              "--level", "1", "--region", "city", "--at", "-3h"], journal: scratch.journal)
        func variables(_ extra: [String]) throws -> [[String: String]] {
            try? FileManager.default.removeItem(atPath: log)
            try FileManager.default.createDirectory(atPath: log, withIntermediateDirectories: false)
            let watch = try CallboardCLI.run(["watch", "--once"] + extra, journal: scratch.journal)
            #expect(watch.status == 0, "\(watch)")
            let blocks = try FileManager.default.contentsOfDirectory(atPath: log).map { try String(contentsOfFile: log + "/" + $0, encoding: .utf8) }
            return blocks.filter { !$0.isEmpty }.map { block in
                Dictionary(block.split(separator: "\n").map { line in
                    let parts = line.split(separator: "=", maxSplits: 1)
                    return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
                }) { $1 }
            }
        }
        let chinese = try variables(["--lang", "zh"])
        let onsite = try #require(chinese.first { $0["CALLBOARD_TIMER"] == "onsite" && $0["CALLBOARD_STEP"] == "manager" }, "\(chinese)")
        #expect(onsite["CALLBOARD_LANG"] == "zh" && onsite["CALLBOARD_LABELS_LANG"] == "zh", "\(onsite)")
        #expect(onsite["CALLBOARD_TIMER_STATE"] == "breached" && onsite["CALLBOARD_TIMER_STATE_LABEL"] == "超时", "\(onsite)")
        #expect(onsite["CALLBOARD_TIMER_LABEL"] == "到场" && onsite["CALLBOARD_STEP_LABEL"] == "经理", "\(onsite)")
        #expect(onsite["CALLBOARD_NOTIFY"] == "manager" && onsite["CALLBOARD_NOTIFY_LABEL"] == "经理", "\(onsite)")
        let deadline = try #require(onsite["CALLBOARD_DEADLINE"])
        #expect(deadline.contains(try Regex(#"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d"#)), "\(onsite)")
        // The same moment as the console shows it: month-day hour:minute.
        #expect(onsite["CALLBOARD_DEADLINE_TEXT"] == String(deadline.dropFirst(5).prefix(11)).replacingOccurrences(of: "T", with: " "), "\(onsite)")

        // The call's re-alerts (ack-less) in an English run: labels in English, no CALLBOARD_LANG
        // unless chosen (a desk's recipes stay Chinese by default).
        try CallboardCLI.run(["intake", "--customer", "嘉定区第二中学", "--phone", "021-5953 1276", "--summary", "复印机卡纸",
                              "--level", "1", "--region", "city", "--at", "-3h"], journal: scratch.journal)
        let english = try variables([])
        let second = try #require(english.first { $0["CALLBOARD_CALL"] == "C-0002" && $0["CALLBOARD_TIMER"] == "onsite" }, "\(english)")
        #expect(second["CALLBOARD_LANG"] == nil && second["CALLBOARD_LABELS_LANG"] == "en", "\(second)")
        #expect(second["CALLBOARD_TIMER_LABEL"] == "on-site" && second["CALLBOARD_TIMER_STATE_LABEL"] == "breached", "\(second)")
    }

    /// A recipe says the labels only in their own language: a Chinese message from an English
    /// run keeps the raw names (as before) rather than mixing in English words.
    @Test func theRecipeUsesTheLabelsOnlyInTheirLanguage() throws {
        let labels = ["CALLBOARD_TIMER_LABEL": "on-site", "CALLBOARD_TIMER_STATE_LABEL": "overdue", "CALLBOARD_STEP_LABEL": "Technician late",
                      "CALLBOARD_NOTIFY_LABEL": "the technician", "CALLBOARD_DEADLINE_TEXT": "12-06 10:00"]
        let zh = try lib("cb_message", Self.escalation.merging(labels) { $1 }.merging(["CALLBOARD_LABELS_LANG": "en"]) { $1 })
        #expect(zh.stdout.contains("计时：onsite breached，截止 12-06 10:00") && zh.stdout.contains("升级：C-0007 technician late（通知 technician）"), "\(zh)")
        let en = try lib("cb_message", Self.escalation.merging(labels) { $1 }.merging(["CALLBOARD_LABELS_LANG": "en", "CALLBOARD_LANG": "en"]) { $1 })
        #expect(en.stdout.contains("Timer: on-site overdue, due 12-06 10:00") && en.stdout.contains("Escalation: C-0007 Technician late (to the technician)"), "\(en)")
        let chinese = ["CALLBOARD_TIMER_LABEL": "到场", "CALLBOARD_TIMER_STATE_LABEL": "超时", "CALLBOARD_STEP_LABEL": "技术员迟到",
                       "CALLBOARD_NOTIFY_LABEL": "技术员", "CALLBOARD_LABELS_LANG": "zh"]
        let both = try lib("cb_message", Self.escalation.merging(chinese) { $1 })
        #expect(both.stdout.contains("升级：C-0007 技术员迟到（通知 技术员）") && both.stdout.contains("计时：到场 超时，截止 2026-12-06T10:00:00+08:00"), "\(both)")
    }

    /// Through the real Notifier: desk.yaml names the recipe, the watch's environment carries
    /// the webhook, and an escalation reaches the server.
    @Test func anEscalationReachesWeComThroughTheNotifier() throws {
        let server = try RecordingServer(answer: #"{"errcode":0,"errmsg":"ok"}"#)
        let (scratch, environment) = try Self.deskNotifyingWeCom(server)
        let watch = try CallboardCLI.run(["watch", "--once"], journal: scratch.journal, environment: environment)
        #expect(watch.status == 0, "\(watch)")
        let requests = server.requests
        #expect(!requests.isEmpty, "\(watch)")
        for request in requests {
            #expect(request.path == "/cgi-bin/webhook/send" && request.query("key") == "desk-key", "\(request)")
            let content = try #require((try request.json()["text"] as? [String: Any])?["content"] as? String)
            #expect(content.contains("升级：C-0001") && content.contains("浦东新区人民医院") && content.contains("UPS 报警"), "\(content)")
        }
        let show = try CallboardCLI.run(["show", "C-0001"], journal: scratch.journal)
        #expect(show.stdout.contains("notification sent"), "\(show)")
        // The doctor finds the recipe there, and its webhook in the environment (or not).
        let doctor = try CallboardCLI.run(["doctor"], journal: scratch.journal, environment: environment.merging(["TERM": "xterm-256color"]) { $1 })
        #expect(doctor.stdout.contains("ok    notify: \(Self.recipes)/wecom (desk.yaml's notify:) is there"), "\(doctor)")
        #expect(doctor.stdout.contains("ok    recipe: wecom: CALLBOARD_WECOM_WEBHOOK set (in the environment)"), "\(doctor)")
        let unset = try CallboardCLI.run(["doctor"], journal: scratch.journal,
                                         environment: ["TERM": "xterm-256color", "CALLBOARD_WECOM_WEBHOOK": "", "CALLBOARD_NOTIFY_ENV": "/nonexistent/notify.env"])
        #expect(unset.stdout.contains("warn  recipe: wecom needs CALLBOARD_WECOM_WEBHOOK"), "\(unset)")

        // The platform refusing is recorded as a failure.
        server.answer(#"{"errcode":93000,"errmsg":"invalid webhook url"}"#)
        try CallboardCLI.run(["ack", "C-0001"], journal: scratch.journal)
        let second = try CallboardCLI.run(["intake", "--customer", "嘉定区第二中学", "--phone", "021-5953 1276", "--summary", "复印机卡纸",
                                           "--level", "1", "--region", "city", "--at", "-3h"], journal: scratch.journal)
        #expect(second.status == 0, "\(second)")
        let failing = try CallboardCLI.run(["watch", "--once"], journal: scratch.journal, environment: environment)
        let history = try CallboardCLI.run(["show", "C-0002"], journal: scratch.journal)
        #expect(history.stdout.contains("notification FAILED") && history.stdout.contains("errcode 93000"), "\(failing)\n\(history)")
    }
}
