import Foundation
import Testing
@testable import KubeModel

/// Pod and container statuses are held in compact forms (codes, boxes for the uncommon
/// states); what is read back, compared and written must be exactly what was decoded.
@Suite struct CompactStatusTests {
    static let statuses: [String] = [
        #"{"phase":"Running","conditions":[{"type":"Ready","status":"True","lastTransitionTime":"2024-05-01T10:00:30Z"}],"containerStatuses":[{"name":"app","ready":true,"started":true,"restartCount":0,"state":{"running":{"startedAt":"2024-05-01T10:00:05Z"}},"lastState":{}}]}"#,
        #"{"phase":"Running","containerStatuses":[{"name":"app","ready":false,"restartCount":7,"state":{"waiting":{"reason":"CrashLoopBackOff"}},"lastState":{"terminated":{"exitCode":137,"reason":"OOMKilled"}}}]}"#,
        #"{"phase":"Succeeded","containerStatuses":[{"name":"job","state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}"#,
        #"{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"Unschedulable","message":"0/3 nodes are available"}]}"#,
        #"{"phase":"Evicted?","reason":"Evicted","containerStatuses":[{"name":"a","state":{"running":{}}},{"name":"b"}]}"#,
        #"{"conditions":[{"type":"Ready","status":"False"}],"containerStatuses":[{"name":"a","restartCount":3000000000,"state":{}}]}"#,
    ]

    func decode(_ json: String) throws -> PodStatus {
        var bytes = Array(json.utf8)
        return try bytes.withUnsafeMutableBytes { raw throws(DecodeError) -> PodStatus in
            var r = JSONReader(UnsafeRawBufferPointer(raw))
            return try PodStatus(json: &r)
        }
    }

    @Test(arguments: statuses) func readsBackWhatWasDecoded(json: String) throws {
        let status = try decode(json)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        #expect(status.phase == object["phase"] as? String)
        #expect(status.reason == object["reason"] as? String)
        let wanted = (object["containerStatuses"] as? [[String: Any]]) ?? []
        #expect(status.containerStatuses?.count ?? 0 == wanted.count)
        for (got, want) in zip(status.containerStatuses ?? [], wanted) {
            #expect(got.name == want["name"] as? String)
            #expect(got.ready == want["ready"] as? Bool)
            #expect(got.started == want["started"] as? Bool)
            // Restart counts past Int32 are clamped: the kubelet's counter is an int32.
            #expect(got.restartCount == (want["restartCount"] as? Int).map { min($0, Int(Int32.max)) })
            let state = want["state"] as? [String: Any]
            #expect((got.state == nil) == (state == nil))
            #expect(got.state?.waiting?.reason == (state?["waiting"] as? [String: Any])?["reason"] as? String)
            #expect((got.state?.running != nil) == (state?["running"] != nil))
            #expect(got.lastState?.terminated?.exitCode == ((want["lastState"] as? [String: Any])?["terminated"] as? [String: Any])?["exitCode"] as? Int)
            #expect((got.lastState == nil) == (want["lastState"] == nil))
        }
        // Written out and read again, it is the same value.
        let encoded = String(decoding: try JSONEncoder().encode(status), as: UTF8.self)
        #expect(try decode(encoded) == status)
    }

    @Test func startedAtIsKeptInline() throws {
        let s = try decode(Self.statuses[0])
        #expect(s.containerStatuses?[0].state?.running?.startedAt == Time(stringLiteral: "2024-05-01T10:00:05Z"))
        #expect(s.condition("Ready")?.lastTransitionTime == Time(stringLiteral: "2024-05-01T10:00:30Z"))
        #expect(MemoryLayout<ContainerStatus>.size <= 40)
        #expect(MemoryLayout<PodStatus>.size <= 32)
    }

    @Test func settingAFieldKeepsTheOthers() throws {
        var s = try decode(Self.statuses[1])
        s.phase = "Failed"
        s.nominatedNodeName = "n1"
        #expect(s.phase == "Failed")
        #expect(s.containerStatuses?[0].lastState?.terminated?.reason == "OOMKilled")
        var c = try #require(s.containerStatuses?[0])
        c.state = ContainerState(running: ContainerStateRunning(startedAt: Time(seconds: 42)))
        #expect(c.lastState?.terminated?.exitCode == 137)
        #expect(c.state?.running?.startedAt?.seconds == 42)
        c.restartCount = nil
        #expect(c.restartCount == nil)
        s.phase = "Strange"
        #expect(s.phase == "Strange")
        #expect(s.nominatedNodeName == "n1")
    }
}
