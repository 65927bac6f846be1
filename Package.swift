// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "premortem",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "premortem", targets: ["premortem"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.30.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.10.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.1.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.25.0"),
    ],
    targets: [
        // Kubernetes object types and exact resource quantities.
        .target(name: "KubeModel", dependencies: [
            .product(name: "Yams", package: "Yams"),
        ]),
        // Cluster state, controllers, scheduler and kubelet model: pure and deterministic.
        .target(name: "Simulation", dependencies: ["KubeModel"]),
        // Bounded search for short fault sequences that lead to harm.
        .target(name: "Planner", dependencies: ["KubeModel", "Simulation"]),
        // Findings, verdict policy and the AdmissionReview wire format.
        .target(name: "Admission", dependencies: ["KubeModel", "Simulation", "Planner"]),
        // Loading cluster state: snapshot folders and the embedded demo cluster.
        .target(name: "ClusterState", dependencies: [
            "KubeModel",
            .product(name: "Yams", package: "Yams"),
        
        ]),
        // The live cluster: kubeconfig and in-cluster credentials, list and watch of every
        // kind the simulation reads.
        .target(name: "KubeClient", dependencies: [
            "KubeModel",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Yams", package: "Yams"),
        ]),
        // The TLS admission webhook server.
        .target(name: "WebhookServer", dependencies: [
            "KubeModel", "Simulation", "Admission", "ClusterState", "KubeClient",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "HummingbirdTLS", package: "hummingbird"),
            .product(name: "HummingbirdHTTP2", package: "hummingbird"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOTLS", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .executableTarget(name: "premortem", dependencies: [
            "KubeModel", "Simulation", "Planner", "Admission", "ClusterState", "WebhookServer", "KubeClient",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "KubeModelTests", dependencies: ["KubeModel"]),
        // YAML builders shared by the simulation and planner tests.
        .target(name: "Fixtures", dependencies: ["KubeModel", "Simulation"], path: "Tests/Fixtures"),
        .testTarget(name: "SimulationTests", dependencies: ["KubeModel", "Simulation", "ClusterState", "Fixtures"]),
        .testTarget(name: "PlannerTests", dependencies: ["KubeModel", "Simulation", "Planner", "Admission", "ClusterState", "Fixtures"]),
        .testTarget(name: "AdmissionTests", dependencies: ["KubeModel", "Simulation", "Admission", "ClusterState", "Fixtures"]),
        .testTarget(name: "ClusterStateTests", dependencies: ["KubeModel", "ClusterState"]),
        .testTarget(name: "ScenarioTests", dependencies: ["KubeModel", "Simulation", "Admission", "ClusterState", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "KubeClientTests", dependencies: [
            "KubeClient", "KubeModel",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        .testTarget(name: "WebhookServerTests", dependencies: [
            "WebhookServer", "Admission", "ClusterState",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
