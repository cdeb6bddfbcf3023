import CallboardCore
import Testing

/// The near-miss measure behind "did you mean city?".
@Suite struct NearMissTests {
    @Test(arguments: [("ctiy", "city"), ("cty", "city"), ("citty", "city"), ("ciyt", "city"), ("jaiding", "jiading"),
                      ("kunshn", "kunshan"), ("emergnecy", "emergency"), ("emrgncy", "emergency"), ("complain", "complaint")])
    func typosAreNearMisses(typed: String, name: String) {
        #expect(NearMiss.isNearMiss(typed, of: name), "\(typed) / \(name)")
    }

    @Test(arguments: [("city", "city"), ("sh", "bj"), ("市内", "市区"), ("kunshan", "city"), ("pudong", "puxi"), ("jiading", "kunshan"),
                      ("cat", "city"), ("urgent", "emergency")])
    func otherWordsAreNot(typed: String, name: String) {
        #expect(!NearMiss.isNearMiss(typed, of: name), "\(typed) / \(name)")
    }
}
