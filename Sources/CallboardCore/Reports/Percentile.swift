/// Percentiles of the times promises took, as reports give them (p50, p90).
///
/// Nearest rank: the p-th percentile of n times sorted from the shortest is the one at rank
/// ⌈p × n / 100⌉ (counting from 1). It is always a time some call really took, so a supervisor
/// can find that call; "90% of the calls took at most p90" is true as written; and it needs no
/// choice between the half-dozen ways of interpolating between two calls, on which spreadsheets
/// and helpdesks disagree (Excel's PERCENTILE.INC and PERCENTILE.EXC give different answers
/// for the same ten calls). Of ten times, p50 is the 5th and p90 the 9th; of one, both are it.
public enum Percentile {
    /// The `percent`-th percentile (1-100) of `sorted` (shortest first) by nearest rank; nil
    /// when there are none.
    public static func nearestRank(_ percent: Int, of sorted: [Int]) -> Int? {
        guard !sorted.isEmpty else { return nil }
        let rank = (percent * sorted.count + 99) / 100 // ⌈percent × n / 100⌉ in whole numbers
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
