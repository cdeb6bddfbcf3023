@testable import callboard
import Foundation
import Testing

@Suite struct SystemClockTests {
    /// The console sleeps until the clock's next second, so every console ticks as it turns.
    @Test func theWaitForTheNextSecondEndsAsTheSecondTurns() {
        let clock = SystemClock()
        let before = clock.now()
        let wait = clock.untilNextSecond()
        #expect(wait > 0 && wait <= 1)
        Thread.sleep(forTimeInterval: wait + 0.002)
        #expect(clock.now() > before)
    }
}
