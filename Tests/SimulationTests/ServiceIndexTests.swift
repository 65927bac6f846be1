import Testing
import KubeModel
@testable import Simulation

/// Which Services select a pod, as `GetPodServices` answers it: every selector pair held, in
/// the pod's namespace; a Service without a selector, or with an empty one (stored as none),
/// selects nothing.
@Suite struct ServiceIndexTests {
    static func service(_ name: String, namespace: String = "shop", _ selector: [String: String]?) -> Service {
        Service(metadata: ObjectMeta(name: name, namespace: namespace), spec: ServiceSpec(selector: selector, ports: [ServicePort(port: 80)]))
    }

    static let services = [
        service("web", ["app": "web"]),
        service("web-canary", ["app": "web", "track": "canary"]),
        service("by-tier", ["tier": "front"]),
        service("manual", nil),
        service("empty", [:]),
        service("web-elsewhere", namespace: "other", ["app": "web"]),
    ]

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var labels: [String: String]
        var namespace = "shop"
        var want: [String]
        var testDescription: String { name }
    }

    static let cases = [
        Case(name: "one pair", labels: ["app": "web"], want: ["web"]),
        Case(name: "every pair of a selector must hold", labels: ["app": "web", "track": "canary", "tier": "front"],
             want: ["web", "web-canary", "by-tier"]),
        Case(name: "a selector pair indexed under another key still has to hold", labels: ["track": "canary"], want: []),
        Case(name: "no labels: none, not even the empty selector", labels: [:], want: []),
        Case(name: "another namespace", labels: ["app": "web"], namespace: "other", want: ["web-elsewhere"]),
        Case(name: "a namespace without Services", labels: ["app": "web"], namespace: "none", want: []),
    ]

    @Test(arguments: cases)
    func selecting(_ c: Case) {
        let index = ServiceIndex(Self.services)
        let got = index.selecting(c.labels, namespace: c.namespace, in: Self.services)
        #expect(got == got.sorted())
        #expect(got.map { Self.services[$0].metadata.nameOrEmpty }.sorted() == c.want.sorted())
    }
}
