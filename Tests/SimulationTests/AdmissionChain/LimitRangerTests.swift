import Testing
@testable import KubeModel
@testable import Simulation

/// LimitRanger's validating half, message by message, in the spirit of upstream's
/// `TestPodLimitFunc` (`plugin/pkg/admission/limitranger/admission_test.go`), whose cases only
/// say error or not: here each case names the exact error the API server returns, as recorded
/// from the real v1.20 API server in Tests/Differential (controllers family).
@Suite struct LimitRangerTests {
    static func q(_ s: String) -> Quantity { try! Quantity(parsing: s) }
    static func list(_ pairs: [(String, String)]) -> [String: Quantity]? {
        pairs.isEmpty ? nil : Dictionary(uniqueKeysWithValues: pairs.map { ($0.0, q($0.1)) })
    }
    static func container(requests: [(String, String)] = [], limits: [(String, String)] = []) -> Container {
        Container(name: "app", resources: ResourceRequirements(requests: list(requests), limits: list(limits)))
    }
    static func range(_ item: LimitRangeItem) -> LimitRange {
        LimitRange(metadata: ObjectMeta(name: "limits", namespace: "default"), spec: LimitRangeSpec(limits: [item]))
    }
    static func item(_ type: String = "Container", min: [(String, String)] = [], max: [(String, String)] = [],
                     ratio: [(String, String)] = []) -> LimitRangeItem {
        LimitRangeItem(type: type, default: nil, defaultRequest: nil, max: list(max), min: list(min), maxLimitRequestRatio: list(ratio))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var item: LimitRangeItem
        var containers: [Container]
        var expected: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "within min and max", item: item(min: [("cpu", "100m")], max: [("cpu", "1")]),
             containers: [container(requests: [("cpu", "200m")], limits: [("cpu", "500m")])], expected: nil),
        Case(name: "request below min", item: item(min: [("cpu", "100m")]),
             containers: [container(requests: [("cpu", "50m")])], expected: "minimum cpu usage per Container is 100m, but request is 50m"),
        Case(name: "no request with a min", item: item(min: [("memory", "64Mi")]),
             containers: [container()], expected: "minimum memory usage per Container is 64Mi.  No request is specified"),
        Case(name: "limit below min", item: item(min: [("cpu", "100m")]),
             containers: [container(requests: [("cpu", "200m")], limits: [("cpu", "50m")])],
             expected: "minimum cpu usage per Container is 100m, but limit is 50m"),
        Case(name: "limit above max", item: item(max: [("cpu", "1")]),
             containers: [container(requests: [("cpu", "500m")], limits: [("cpu", "2")])],
             expected: "maximum cpu usage per Container is 1, but limit is 2"),
        Case(name: "no limit with a max", item: item(max: [("memory", "1Gi")]),
             containers: [container(requests: [("memory", "512Mi")])], expected: "maximum memory usage per Container is 1Gi.  No limit is specified"),
        Case(name: "ratio exceeded", item: item(ratio: [("cpu", "2")]),
             containers: [container(requests: [("cpu", "100m")], limits: [("cpu", "500m")])],
             expected: "cpu max limit to request ratio per Container is 2, but provided ratio is 5.000000"),
        Case(name: "ratio within", item: item(ratio: [("cpu", "4")]),
             containers: [container(requests: [("cpu", "100m")], limits: [("cpu", "400m")])], expected: nil),
        Case(name: "ratio without a limit", item: item(ratio: [("cpu", "4")]),
             containers: [container(requests: [("cpu", "100m")])],
             expected: "cpu max limit to request ratio per Container is 4, but no limit is specified or limit is 0"),
        Case(name: "two errors in brackets", item: item(max: [("cpu", "1"), ("memory", "1Gi")]),
             containers: [container(requests: [("cpu", "2"), ("memory", "2Gi")], limits: [("cpu", "2"), ("memory", "2Gi")])],
             expected: "[maximum cpu usage per Container is 1, but limit is 2, maximum memory usage per Container is 1Gi, but limit is 2Gi]"),
        Case(name: "the same error of two containers once", item: item(max: [("cpu", "1")]),
             containers: [container(limits: [("cpu", "2")]), container(limits: [("cpu", "2")])],
             expected: "maximum cpu usage per Container is 1, but limit is 2"),
        Case(name: "pod total above max", item: item("Pod", max: [("cpu", "1")]),
             containers: [container(limits: [("cpu", "600m")]), container(limits: [("cpu", "600m")])],
             expected: "maximum cpu usage per Pod is 1, but limit is 1200m"),
        // `sum` leaves out a resource one container does not state.
        Case(name: "pod total of a resource one container omits", item: item("Pod", max: [("cpu", "1")]),
             containers: [container(limits: [("cpu", "600m")]), container()],
             expected: "maximum cpu usage per Pod is 1.  No limit is specified"),
    ]

    @Test(arguments: cases) func validates(_ c: Case) {
        #expect(LimitRanger.violation(PodSpec(containers: c.containers), ranges: [Self.range(c.item)]) == c.expected)
    }

    /// `SetDefaults_LimitRangeItem`: default := max, defaultRequest := default, else min.
    @Test func apiDefaultsOfAContainerItem() {
        var item = Self.item(min: [("memory", "64Mi")], max: [("cpu", "2")])
        item.default = ["memory": Self.q("512Mi")]
        let d = LimitRanger.withAPIDefaults(Self.range(item)).spec.limits[0]
        #expect(d.default == ["cpu": Self.q("2"), "memory": Self.q("512Mi")])
        #expect(d.defaultRequest == ["cpu": Self.q("2"), "memory": Self.q("512Mi")])
        let onlyMin = LimitRanger.withAPIDefaults(Self.range(Self.item(min: [("cpu", "100m")]))).spec.limits[0]
        #expect(onlyMin.defaultRequest == ["cpu": Self.q("100m")])
        #expect(onlyMin.default == nil)
        // Pod items get no defaults.
        let pod = LimitRanger.withAPIDefaults(Self.range(Self.item("Pod", max: [("cpu", "2")]))).spec.limits[0]
        #expect(pod.default == nil && pod.defaultRequest == nil)
    }

    /// The pod defaulting that runs before admission (`SetDefaults_Pod`) fills a request from
    /// its limit, so LimitRanger's default request does not apply to it.
    @Test func aLimitWithoutARequestRequestsTheLimit() {
        var item = Self.item()
        item.defaultRequest = ["cpu": Self.q("100m")]
        let spec = LimitRanger.applyDefaults(PodDefaults.apply(PodSpec(containers: [Self.container(limits: [("cpu", "2")])])),
                                             ranges: [Self.range(item)])
        #expect(spec.containers[0].resources?.requests?["cpu"] == Self.q("2"))
    }

    /// A default limit below the stated request makes the pod invalid (validation runs between
    /// the mutating and validating plugins), as the real API server answers.
    @Test func defaultLimitBelowTheRequestIsInvalid() {
        var item = Self.item()
        item.default = ["cpu": Self.q("500m")]
        let spec = LimitRanger.applyDefaults(PodSpec(containers: [Self.container(requests: [("cpu", "2")])]), ranges: [Self.range(item)])
        #expect(PodValidation.errors(spec) == "spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit")
    }

    @Test func goFloatPrintsSixDecimals() {
        #expect(LimitRanger.goFloat(5) == "5.000000")
        #expect(LimitRanger.goFloat(2.5) == "2.500000")
        #expect(LimitRanger.goFloat(1.0 / 3) == "0.333333")
    }
}
