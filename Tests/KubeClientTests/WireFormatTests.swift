import Foundation
import KubeModel
import NIOCore
import Testing
@testable import KubeClient

/// Lists and watch lines as the API server writes them.
@Suite struct WireFormatTests {
    @Test func listItemsWithoutKindTakeTheResourceKind() throws {
        let body = ByteBuffer(string: #"""
            {"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"42","continue":"tok"},
             "items":[{"metadata":{"name":"a","namespace":"ns","resourceVersion":"40"},"spec":{"containers":[{"name":"c"}]}},
                      {"metadata":{"name":"broken","namespace":"ns"},"spec":{"containers":"not a list"}},
                      {"metadata":{"name":"b","namespace":"ns"},"spec":{"containers":[{"name":"c"}]}}]}
            """#)
        let page = try KubeAPI.decodeList(body, kind: "Pod", interner: Interner())
        #expect(page.resourceVersion == "42")
        #expect(page.continueToken == "tok")
        #expect(page.objects.map(\.ref.name) == ["a", "b"])
        #expect(page.objects.allSatisfy { $0.kind == "Pod" })
        #expect(page.skipped.count == 1)
        #expect(page.skipped.first?.contains("containers") == true, "\(page.skipped)")
    }

    @Test func brokenListIsAnError() {
        #expect(throws: KubeClientError.self) {
            try KubeAPI.decodeList(ByteBuffer(string: #"{"items":[{"metadata":"#), kind: "Pod", interner: Interner())
        }
    }

    @Test func metadataOnlyItemsAreReferences() throws {
        let body = ByteBuffer(string: #"""
            {"kind":"PartialObjectMetadataList","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"7"},
             "items":[{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"settings","namespace":"shop"}}]}
            """#)
        let page = try KubeAPI.decodeList(body, kind: "ConfigMap", interner: Interner())
        guard case .reference(let o)? = page.objects.first else { Issue.record("not a reference: \(page.objects)"); return }
        #expect(o.kind == "ConfigMap")
        #expect(page.objects.first?.ref == ObjectRef(kind: "ConfigMap", namespace: "shop", name: "settings"))
    }

    func event(_ line: String, kind: String = "Pod") -> WatchEvent {
        WatchEvent.decode(Array(line.utf8), kind: kind, interner: Interner())
    }

    @Test func watchEventTypes() {
        guard case .added(let o) = event(#"{"type":"ADDED","object":{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p","namespace":"n","resourceVersion":"9"},"spec":{"containers":[]}}}"#) else {
            Issue.record("not added"); return
        }
        #expect(o.metadata.resourceVersion == "9")
        guard case .bookmark(let v) = event(#"{"type":"BOOKMARK","object":{"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"123"}}}"#) else {
            Issue.record("not a bookmark"); return
        }
        #expect(v == "123")
        guard case .error(let code, let message) = event(#"{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version: 5 (10)","reason":"Expired","code":410}}"#) else {
            Issue.record("not an error"); return
        }
        #expect(code == 410)
        #expect(message.contains("too old"))
        if case .deleted = event(#"{"object":{"metadata":{"name":"p"},"spec":{"containers":[]}},"type":"DELETED"}"#) {} else {
            Issue.record("object before type must still decode")
        }
    }

    @Test func badLinesAreMalformedNotFatal() {
        for line in [#"{"type":"ADDED","object":{"metadata":{"na"#, "not json", #"{"type":"WHAT","object":{}}"#,
                     #"{"type":"ADDED","object":{"kind":"Pod","spec":{"containers":7}}}"#, ""] {
            if case .malformed = event(line) {} else { Issue.record("\(line) was not malformed") }
        }
    }

    @Test func linesSplitAcrossChunks() {
        var b = LineBuffer()
        b.append(ByteBuffer(string: "{\"a\":1}\n{\"b\""))
        #expect(b.next().map { String(decoding: $0, as: UTF8.self) } == "{\"a\":1}")
        #expect(b.next() == nil)
        b.append(ByteBuffer(string: ":2}\n"))
        #expect(b.next().map { String(decoding: $0, as: UTF8.self) } == "{\"b\":2}")
        #expect(b.pending == 0)
    }
}
