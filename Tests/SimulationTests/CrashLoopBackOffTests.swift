import Testing
@testable import Simulation

/// The kubelet's restart back-off: 10 s doubling, capped at 300 s.
@Suite struct CrashLoopBackOffTests {
    @Test func fortySecondRunsInAnHour() {
        // Killed 40 s after each start, back-off 10, 20, 40, 80, 160, then 300 s:
        // kills at 40, 90, 150, 230, 350, 550, then every 340 s: 890, 1230, 1570, 1910,
        // 2250, 2590, 2930, 3270; the next (3610) is past the hour. 14 restarts.
        #expect(CrashLoopBackOff.restarts(runSeconds: 40) == 14)
    }

    @Test func backOffIsCappedAt300() {
        // Run 1 s: kills at 1, 12, 33, 74, 155, 316, then every 301 s: 617, 918, 1219, 1520,
        // 1821, 2122, 2423, 2724, 3025, 3326. 16 restarts; without the cap the delays
        // would reach 320, 640, 1280 s and there would be only 9.
        #expect(CrashLoopBackOff.restarts(runSeconds: 0) == 16)
        #expect(CrashLoopBackOff.restarts(runSeconds: 1) == 16)
        #expect(CrashLoopBackOff.cap == 300)
        #expect(CrashLoopBackOff.initial == 10)
    }

    @Test func tenMinuteRunsResetTheBackOff() {
        // 600 s runs reset the delay to 10 s: kills at 600, 1210, 1820, 2430, 3040 (3650 is late).
        #expect(CrashLoopBackOff.restarts(runSeconds: 600) == 5)
    }

    @Test func shorterHorizon() {
        // Kills at 40 and 90 are inside 100 s; the third at 150 is not.
        #expect(CrashLoopBackOff.restarts(runSeconds: 40, horizon: 100) == 2)
        #expect(CrashLoopBackOff.restarts(runSeconds: 4000) == 0)
    }
}
