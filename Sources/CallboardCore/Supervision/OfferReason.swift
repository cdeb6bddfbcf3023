/// Why automatic dispatch offered a call to an engineer, as data: which round of offers it is,
/// and why this engineer (on call, the region they cover, the skills the fault names, their open
/// jobs). Recorded in the `call.dispatch_requested` event in a form of its own, never in a
/// language, so every console shows it in its own (journals of older builds hold English words,
/// which are shown as written).
public struct OfferReason: Equatable, Sendable {
    public enum Round: Equatable, Sendable {
        /// The best-ranked on-call engineer, first asked.
        case first
        /// The next one, after these let it lapse.
        case next(notAccepted: [TechnicianID])
        /// Everyone let it lapse: a new round, from the one asked least.
        case again
    }

    public enum Coverage: Equatable, Sendable {
        case everyRegion
        case region(String)
        /// Covers `own`, not the call's `region`.
        case other(own: String, region: String)
    }

    public var round: Round
    public var covers: Coverage?
    /// The engineer's skills the fault names.
    public var skills: [String]
    public var openJobs: Int

    public init(round: Round, covers: Coverage?, skills: [String], openJobs: Int) {
        self.round = round
        self.covers = covers
        self.skills = skills
        self.openJobs = openJobs
    }

    /// Why `candidate` was asked to take `call`.
    public init(round: Round, candidate: AssignmentCandidate, call: ServiceCall) {
        let coverage: Coverage? = candidate.coversRegion.flatMap { covers in
            call.intake.region.map { region in
                covers ? (candidate.technician.region == nil ? .everyRegion : .region(region))
                       : .other(own: candidate.technician.region ?? "-", region: region)
            }
        }
        self.init(round: round, covers: coverage, skills: candidate.matchingSkills, openJobs: candidate.openJobs)
    }

    static let prefix = "offer/1"

    /// `offer/1;round=next:T09,T10;covers=region:city;skills=printer,network;jobs=2`: what the
    /// event records. Its words are a policy's and a roster's own (regions, skills, IDs), which
    /// hold no `;` or `=`.
    public var encoded: String {
        var fields = [Self.prefix]
        switch round {
        case .first: fields.append("round=first")
        case .next(let lapsed): fields.append("round=next:" + lapsed.map(\.rawValue).joined(separator: ","))
        case .again: fields.append("round=again")
        }
        switch covers {
        case .everyRegion?: fields.append("covers=all")
        case .region(let region)?: fields.append("covers=region:" + region)
        case .other(let own, let region)?: fields.append("covers=other:\(own):\(region)")
        case nil: break
        }
        fields.append("skills=" + skills.joined(separator: ","))
        fields.append("jobs=\(openJobs)")
        return fields.joined(separator: ";")
    }

    /// Reads what `encoded` wrote; nil for anything else (an older build's words).
    public init?(encoded text: String) {
        let fields = text.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        guard fields.first == Self.prefix else { return nil }
        var round: Round?, covers: Coverage?, skills: [String] = [], jobs: Int?
        for field in fields.dropFirst() {
            guard let equals = field.firstIndex(of: "=") else { return nil }
            let key = field[..<equals], value = String(field[field.index(after: equals)...])
            switch key {
            case "round":
                if value == "first" { round = .first }
                else if value == "again" { round = .again }
                else if value.hasPrefix("next:") {
                    round = .next(notAccepted: value.dropFirst(5).split(separator: ",").compactMap { TechnicianID(stored: String($0)) })
                } else { return nil }
            case "covers":
                let parts = value.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
                switch (parts.first, parts.count) {
                case ("all", 1): covers = .everyRegion
                case ("region", 2): covers = .region(parts[1])
                case ("other", 3): covers = .other(own: parts[1], region: parts[2])
                default: return nil
                }
            case "skills": skills = value.split(separator: ",").map(String.init)
            case "jobs": jobs = Int(value)
            default: return nil
            }
        }
        guard let round, let jobs else { return nil }
        self.init(round: round, covers: covers, skills: skills, openJobs: jobs)
    }
}
