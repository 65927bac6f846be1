import Testing
@testable import Simulation

/// Amounts in messages: binary units past Gi (the old formatter said `16384Gi` for 16Ti),
/// and a capped amount said to be at least that much.
@Suite struct AmountFormatTests {
    @Test(arguments: [(Int64(1) << 30, "1Gi"), (Int64(1) << 40, "1Ti"), (Int64(32) << 40, "at least 32Ti"),
                      (Int64(3) << 39, "1.5Ti"), (Int64(512) << 20, "512Mi"), (Int64(1000), "1000")])
    func memory(bytes: Int64, text: String) {
        #expect(Amount.memory(bytes) == text)
    }

    @Test func belowTheCapIsExact() {
        #expect(Amount.memory((Int64(1) << 44) - (Int64(1) << 40)) == "15Ti")
        #expect(Amount.memory(Resources.cap) == "at least 16Ti")
    }
}
