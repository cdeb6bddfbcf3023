extension PolicyVocabulary {
    /// A new call's tier, kind and region in the policy's own words: an alias becomes the name
    /// it stands for, and a word that would silently change the call's promises is refused.
    ///
    /// A tier or kind exists only to select the policy's promises, so one the policy does not
    /// name is a mistake. Regions are different: any region the rules do not name is timed as
    /// "elsewhere", which is right for most of them, so only a near miss of a name the policy
    /// uses ("ctiy") is refused. A region a technician on the roster covers (`served`) is a
    /// place the desk serves, never taken for a slip: jinshan and jiashan are both real.
    ///
    /// Checked when a call is taken, never on replay: a journal keeps what was accepted.
    func settled(_ intake: CallIntake, served: () -> Set<String>) throws(DeskError) -> CallIntake {
        var intake = intake
        intake.tier = try settled(intake.tier, field: .tier)
        intake.kind = try settled(intake.kind, field: .kind)
        if let region = intake.region {
            if let name = name(for: region, in: .region) {
                intake.region = name
            } else if let meant = nearMiss(region, in: .region), !served().contains(region) {
                throw .invalid(.region, DeskText.regionDidYouMean(["text": .text(Printable.quoted(region)), "meant": .text(meant)]))
            }
        }
        return intake
    }

    private func settled(_ word: String?, field: Field) throws(DeskError) -> String? {
        guard let word else { return nil }
        if let name = name(for: word, in: field) { return name }
        let words = self.words(for: field)
        let holes: [String: Message.Argument] = ["field": .message(field.label), "text": .text(Printable.quoted(word))]
        guard !words.isEmpty else {
            let plural = field == .tier ? DeskText.fieldTiers() : field == .kind ? DeskText.fieldKinds() : field.label
            throw .invalid(field, DeskText.noneNamedByPolicy(holes.merging(["fields": .message(plural)]) { $1 }))
        }
        let use = holes.merging(["words": DeskText.either(words)]) { $1 }
        if let meant = nearMiss(word, in: field) {
            throw .invalid(field, DeskText.notNamedDidYouMean(use.merging(["meant": .text(meant)]) { $1 }))
        }
        throw .invalid(field, DeskText.notNamedByPolicy(use))
    }

    /// The closest name or alias `word` is a slip away from, if any.
    private func nearMiss(_ word: String, in field: Field) -> String? {
        let typed = Array(word)
        return words(for: field).filter { NearMiss.isNearMiss(word, of: $0) }.min { NearMiss.distance(typed, Array($0)) < NearMiss.distance(typed, Array($1)) }
    }
}

extension DeskState {
    /// The policy a new call numbered to `number` is timed under: a recorded one, or `adopting`,
    /// the policy recorded together with the call; the general promise when there is none.
    func policy(numbered number: Int?, adopting: SLAPolicy?) -> SLAPolicy {
        guard let number else { return .generalPromise }
        return policies[number] ?? adopting ?? .generalPromise
    }

    /// The regions technicians on the roster cover.
    var servedRegions: Set<String> { Set(technicians.values.compactMap(\.region)) }
}
