import CallboardCore
import CallboardResources
import CallboardStore
import Foundation

/// `demo --live`: a thread that keeps feeding the demo journal every few seconds while the
/// console runs, through its own JournalDesk (the console sees the changes by following the
/// journal, exactly as it sees another dispatcher's).
final class LiveFeed: @unchecked Sendable {
    private let condition = NSCondition()
    private var stopped = false
    private var thread: Thread?

    private init() {}

    /// What the thread works with (not Sendable, so handed over once and used only there).
    private final class Box: @unchecked Sendable {
        let journal: String
        let runtime: Runtime
        let feed: DemoFeed
        init(journal: String, runtime: Runtime, feed: DemoFeed) {
            self.journal = journal
            self.runtime = runtime
            self.feed = feed
        }
    }

    static func start(journal: String, runtime: Runtime) throws -> LiveFeed {
        let feed = LiveFeed()
        let box = Box(journal: journal, runtime: runtime, feed: try DemoFeed(yaml: CallboardResources.demoFeed()))
        let thread = Thread { feed.loop(box) }
        feed.thread = thread
        thread.start()
        return feed
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
        while let thread, !thread.isFinished { usleep(10_000) }
    }

    private func loop(_ box: Box) {
        var random = SystemRandomNumberGenerator()
        guard let desk = try? box.runtime.openDesk(box.journal) else { return }
        while true {
            condition.lock()
            let deadline = box.runtime.clock.now().addingTimeInterval(Double.random(in: 3...7, using: &random))
            while !stopped, condition.wait(until: deadline) {}
            let done = stopped
            condition.unlock()
            if done { return }
            let now = box.runtime.clock.now()
            _ = try? desk.record(now: now) { state in
                guard let step = box.feed.next(in: state, at: now, zone: box.runtime.zone, using: &random) else { return [] }
                var context = box.runtime.context(now: now)
                context.actor = step.actor
                // A step the desk refuses (someone else got there first) is simply skipped.
                return (try? state.decide(step.command, context)) ?? []
            }
        }
    }
}
