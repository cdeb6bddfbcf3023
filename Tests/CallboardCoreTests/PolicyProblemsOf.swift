import CallboardCore

/// What `policy check` would list for `text`: none when it reads.
func policyProblems(_ text: String) -> [PolicyProblem] {
    do {
        _ = try PolicyParser.parse(text)
        return []
    } catch {
        return error.problems
    }
}
