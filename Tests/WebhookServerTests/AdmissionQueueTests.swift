import Foundation
import Testing
import Admission
@testable import WebhookServer

/// The deadline-aware queue on its own: waits while the deadline allows, refuses at once what
/// could not be analysed in time, hands slots over first come first served.
@Suite struct AdmissionQueueTests {
    @Test func aFreeSlotIsTakenAtOnceAndAReleasedOneHandedOver() async {
        let q = AdmissionQueue(limit: 1, initialTypical: .milliseconds(10))
        #expect(await q.acquire(deadline: .now + .seconds(5)))
        let waiter = Task { await q.acquire(deadline: .now + .seconds(5)) }
        for _ in 0..<200 where q.waiting == 0 { try? await Task.sleep(for: .milliseconds(5)) }
        #expect(q.waiting == 1)
        q.release()
        #expect(await waiter.value)
        #expect(q.inUse == 1)
        q.release()
        #expect(q.inUse == 0)
    }

    @Test func aWaiterGivesUpWhenOnlyATypicalAnalysisIsLeft() async {
        let q = AdmissionQueue(limit: 1, initialTypical: .milliseconds(200))
        #expect(await q.acquire(deadline: .now + .seconds(5)))
        let started = ContinuousClock.now
        let got = await q.acquire(deadline: .now + .milliseconds(500))
        let took = started.duration(to: .now)
        #expect(!got)
        // Not before deadline minus the typical 200 ms; the upper bound only says it returns
        // (timers run late when parallel test suites hold every core).
        #expect(took >= .milliseconds(250) && took < .seconds(10), "gave up after \(took)")
    }

    /// With a typical analysis of 1 s and eight reviews queued ahead, a review due in 3 s is
    /// refused at once instead of waiting to be refused late.
    @Test func aLongQueueAheadIsRefusedAtOnce() async {
        let q = AdmissionQueue(limit: 1, initialTypical: .seconds(1))
        #expect(await q.acquire(deadline: .now + .seconds(60)))
        let ahead = (0..<8).map { _ in Task { await q.acquire(deadline: .now + .seconds(60)) } }
        for _ in 0..<400 where q.waiting < 8 { try? await Task.sleep(for: .milliseconds(5)) }
        #expect(q.waiting == 8)
        let started = ContinuousClock.now
        #expect(await q.acquire(deadline: .now + .seconds(3)) == false)
        // At once, not at its give-up time 2 s from now.
        #expect(started.duration(to: .now) < .seconds(1))
        for _ in 0..<9 { q.release() }
        for t in ahead { #expect(await t.value) }
    }

    @Test func theTypicalTimeIsTheNinetiethPercentile() {
        let q = AdmissionQueue(limit: 1)
        for ms in 1...100 { q.record(.milliseconds(ms)) }
        #expect(q.typical == .milliseconds(91))
    }

    /// Overloaded answers come from the envelope alone: the uid and apiVersion of the review.
    @Test func theEnvelopeIsReadWithoutTheObjects() throws {
        let body = try Paths.fixture("create.json")
        let full = try AdmissionReviewRequest.decode(body)
        let envelope = try AdmissionReviewEnvelope.scan(body)
        #expect(envelope.uid == full.request.uid)
        #expect(envelope.apiVersion == full.apiVersion)
        #expect(throws: AdmissionReviewError.self) { try AdmissionReviewEnvelope.scan(Data("{\"kind\":\"Pod\"}".utf8)) }
    }
}
