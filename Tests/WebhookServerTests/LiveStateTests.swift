import Foundation
import Logging
import Testing
import Admission
import KubeClient
import KubeModel
import Simulation
@testable import WebhookServer

/// The server's state fed by list and watch from a fake API server speaking the real wire
/// format: what the store holds after each list, event, relist, drop and token rotation.
extension WebhookServerTests {
@Suite
struct LiveStateTests {
    static let pods = "/api/v1/pods"

    /// Short watches and backoffs, so that a test sees several rounds in a second or two.
    static var fast: Reflector.Settings {
        var s = Reflector.Settings()
        s.pageSize = 2
        s.watchTimeout = 1...1
        s.initialBackoff = .milliseconds(50)
        s.maxBackoff = .milliseconds(200)
        return s
    }

    struct Running {
        let fake: FakeAPIServer
        let store: ClusterStore
        let task: Task<Void, Never>
        let metrics: WebhookMetrics

        func stop() async {
            task.cancel()
            _ = await task.value
            await fake.stop()
        }

        var podNames: [String] { (store.analyzer()?.cluster.pods.keys.map(\.name) ?? []).sorted() }
        func pod(_ name: String) -> Pod? { store.analyzer()?.cluster.pods[ObjectRef(kind: "Pod", namespace: "shop", name: name)] }
        var podRequests: [FakeAPIServer.Request] { fake.requests.filter { $0.path == LiveStateTests.pods } }
    }

    func start(_ setUp: (FakeAPIServer) -> Void = { _ in }, token: TokenSource? = nil) async throws -> Running {
        let fake = try await FakeAPIServer.start()
        setUp(fake)
        var credentials = ClusterCredentials(server: fake.base, origin: "fake")
        credentials.token = token
        let api = try KubeAPI(credentials: credentials, readTimeout: .seconds(5))
        let metrics = WebhookMetrics()
        let store = ClusterStore(metrics: metrics, optimisticLifetime: .seconds(1), logger: Logger(label: "test"))
        let live = LiveCluster(api: api, settings: Self.fast, observer: metrics.reflectorObserver, logger: Logger(label: "test"))
        store.startLive(kinds: live.resources.map(\.kind))
        let task = Task {
            await live.run { store.receive($0) }
            await api.shutdown()
        }
        return Running(fake: fake, store: store, task: task, metrics: metrics)
    }

    /// Waits (bounded) until `condition` holds.
    func eventually(_ what: String, within: Duration = .seconds(10), _ condition: () -> Bool) async {
        let end = ContinuousClock.now + within
        while ContinuousClock.now < end {
            if condition() { return }
            try? await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("timed out waiting for \(what)")
    }

    @Test func paginatedListMakesTheStoreReady() async throws {
        let r = try await start { f in
            f.setItems(Self.pods, (1...5).map { podJSON("p\($0)", rv: $0) })
            f.setItems("/api/v1/nodes", [#"{"metadata":{"name":"n1","resourceVersion":"3"},"status":{"allocatable":{"cpu":"4","memory":"8Gi"}}}"#])
        }
        await eventually("ready") { r.store.isReady }
        #expect(r.podNames == ["p1", "p2", "p3", "p4", "p5"])
        #expect(r.store.analyzer()?.baseline.nodes.map(\.name) == ["n1"])
        // Pages of 2: the continue tokens the server handed out were used in order.
        let continues = r.podRequests.filter { !$0.isWatch && $0.query["limit"] == "2" }.compactMap { $0.query["continue"] }
        #expect(continues == ["2", "4"], "\(r.podRequests)")
        // The watch starts from the list's resource version, with bookmarks.
        await eventually("a watch") { r.podRequests.contains(where: \.isWatch) }
        let watch = try #require(r.podRequests.first { $0.isWatch })
        #expect(watch.query["resourceVersion"] == "10")
        #expect(watch.query["allowWatchBookmarks"] == "true")
        #expect(watch.query["timeoutSeconds"] == "1")
        await r.stop()
    }

    @Test func notReadyUntilEveryKindIsListed() async throws {
        let r = try await start { f in
            f.setItems(Self.pods, [podJSON("p1", rv: 1)])
            f.requireToken("nobody-has-it")
        }
        try await Task.sleep(for: .milliseconds(300))
        #expect(!r.store.isReady)
        #expect(r.store.pendingKinds.contains("Pod"))
        #expect(r.store.pendingKinds.contains("Node"))
        r.fake.requireToken(nil)
        await eventually("ready once lists succeed") { r.store.isReady }
        #expect(r.podNames == ["p1"])
        await r.stop()
    }

    @Test func watchEventsAndBookmarksUpdateTheStore() async throws {
        let r = try await start { f in
            f.setItems(Self.pods, [podJSON("p1", rv: 1), podJSON("p2", rv: 2)])
            f.script(Self.pods, [
                .line(watchLine("ADDED", podJSON("p3", rv: 11, withKind: true))),
                .line(watchLine("MODIFIED", podJSON("p1", rv: 12, labels: #"{"app":"api"}"#, withKind: true))),
                .line(watchLine("DELETED", podJSON("p2", rv: 13, withKind: true))),
                .line(watchLine("BOOKMARK", #"{"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"50"}}"#)),
            ])
        }
        await eventually("events applied") { r.podNames == ["p1", "p3"] && r.pod("p1")?.metadata.labels?["app"] == "api" }
        // The next watch resumes from the bookmark.
        await eventually("a second watch") { r.podRequests.filter(\.isWatch).count >= 2 }
        #expect(r.podRequests.filter(\.isWatch)[1].query["resourceVersion"] == "50")
        let metrics = r.metrics.exposition()
        #expect(metrics.contains(#"premortem_watch_events_total{kind="Pod",type="ADDED"} 1"#), "\(metrics)")
        #expect(metrics.contains(#"premortem_watch_events_total{kind="Pod",type="BOOKMARK"} 1"#))
        await r.stop()
    }

    @Test func goneMeansListAgain() async throws {
        let r = try await start { f in
            f.setItems(Self.pods, [podJSON("p1", rv: 1), podJSON("p2", rv: 2)])
            f.script(Self.pods, [.pause(.milliseconds(200)),
                                 .line(watchLine("ERROR", #"{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version: 10 (40)","reason":"Expired","code":410}"#))])
        }
        await eventually("ready") { r.store.isReady }
        // While the watch is open, the cluster moves on: p1 goes, p7 comes.
        r.fake.setItems(Self.pods, [podJSON("p2", rv: 2), podJSON("p7", rv: 41)])
        r.fake.setResourceVersion(41)
        await eventually("relisted") { r.podNames == ["p2", "p7"] }
        let lists = r.podRequests.filter { !$0.isWatch && $0.query["limit"] == "2" && $0.query["continue"] == nil }
        #expect(lists.count >= 2)
        #expect(r.metrics.exposition().contains(#"premortem_watch_relists_total{kind="Pod"} 1"#))
        await r.stop()
    }

    @Test func droppedConnectionReconnectsFromTheLastVersion() async throws {
        let r = try await start { f in
            f.setItems(Self.pods, [podJSON("p1", rv: 1)])
            f.script(Self.pods, [.line(watchLine("ADDED", podJSON("p9", rv: 19, withKind: true))),
                                 .line(#"{"type":"ADDED","object":{"metadata":{"na"#), .drop])
            f.script(Self.pods, [.line(watchLine("ADDED", podJSON("p10", rv: 20, withKind: true)))])
        }
        await eventually("both events, across the drop") { r.podNames == ["p1", "p10", "p9"] }
        let watches = r.podRequests.filter(\.isWatch)
        #expect(watches.count >= 2)
        #expect(watches[1].query["resourceVersion"] == "19")
        #expect(r.metrics.exposition().contains(#"premortem_watch_reconnects_total{kind="Pod"}"#))
        await r.stop()
    }

    @Test func badObjectsAndLinesAreSkipped() async throws {
        let r = try await start { f in
            f.setItems(Self.pods, [podJSON("p1", rv: 1), #"{"metadata":{"name":"odd","namespace":"shop"},"spec":{"containers":{"x":1}}}"#,
                                   #"{"kind":"Widget","apiVersion":"example.com/v1","metadata":{"name":"w","namespace":"shop"}}"#])
            f.script(Self.pods, [.line("this is not json\n"),
                                 .line(watchLine("ADDED", #"{"kind":"Pod","apiVersion":"v1","metadata":{"name":"bad","namespace":"shop"},"spec":{"containers":7}}"#)),
                                 .line(watchLine("ADDED", podJSON("p2", rv: 12, withKind: true)))])
        }
        await eventually("the good event after the bad ones") { r.podNames == ["p1", "p2"] }
        #expect(r.metrics.exposition().contains(#"premortem_watch_skipped_total{kind="Pod"} 3"#), "\(r.metrics.exposition())")
        await r.stop()
    }

    @Test func rotatedTokenIsPickedUp() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("premortem-token-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("token").path
        try "t1".write(toFile: file, atomically: true, encoding: .utf8)
        let r = try await start({ f in
            f.setItems(Self.pods, [podJSON("p1", rv: 1)])
            f.requireToken("t1")
        }, token: TokenSource(file: file))
        await eventually("ready with t1") { r.store.isReady }
        // The kubelet rotates the projected token: the server only takes the new one now.
        try "t2".write(toFile: file, atomically: true, encoding: .utf8)
        r.fake.requireToken("t2")
        r.fake.script(Self.pods, [.line(watchLine("ADDED", podJSON("p2", rv: 12, withKind: true)))])
        await eventually("an event through a request with the new token") { r.podNames == ["p1", "p2"] }
        #expect(r.podRequests.contains { $0.token == "t2" })
        await r.stop()
    }

    @Test func optimisticObjectIsReplacedByTheWatchOrTakenBack() async throws {
        let r = try await start { f in f.setItems(Self.pods, [podJSON("p1", rv: 1)]) }
        await eventually("ready") { r.store.isReady }
        // An admitted pod that the API never creates (a later webhook refused it) goes away.
        let ghost = try ManifestDecoder.decodeValue(KubeObject.self, from: podJSON("ghost", rv: 0, withKind: true))
        await r.store.apply(Change(operation: .create, object: ghost))
        #expect(r.podNames == ["ghost", "p1"])
        #expect(r.store.optimisticCount == 1)
        // One that the watch delivers is replaced by the watched version and no longer optimistic.
        let real = try ManifestDecoder.decodeValue(KubeObject.self, from: podJSON("real", rv: 0, withKind: true))
        await r.store.apply(Change(operation: .create, object: real))
        r.fake.script(Self.pods, [.line(watchLine("ADDED", podJSON("real", rv: 30, labels: #"{"app":"watched"}"#, withKind: true)))])
        await eventually("the watched version") { r.pod("real")?.metadata.labels?["app"] == "watched" }
        await eventually("the ghost taken back", within: .seconds(15)) { !r.podNames.contains("ghost") }
        #expect(r.podNames == ["p1", "real"])
        #expect(r.store.optimisticCount == 0)
        #expect(r.metrics.exposition().contains("premortem_cluster_optimistic_expired_total 1"))
        await r.stop()
    }
}
}
