import Foundation

public struct OwnerReference: Sendable, Hashable, Encodable {
    public var apiVersion: String?
    public var kind: String
    public var name: String
    public var controller: Bool?
    public init(kind: String, name: String, controller: Bool = true) {
        self.kind = kind; self.name = name; self.controller = controller
    }
}

/// `metav1.ObjectMeta`, as far as the simulation reads it. Annotations are kept only where
/// they carry meaning for it (`premortem.io/...` evidence, static pod markers, pod deletion
/// cost): `kubectl.kubernetes.io/last-applied-configuration` alone can double a pod's size.
public struct ObjectMeta: Sendable, Hashable {
    public var name: String?
    public var namespace: String?
    public var labels: [String: String]?
    public var ownerReferences: [OwnerReference]?
    public var resourceVersion: String?
    /// Fields most objects leave empty, in a box of their own so that they cost a pointer.
    private var rare: Rare?

    private final class Rare: Sendable, Hashable {
        let generateName: String?
        let annotations: [String: String]?
        let deletionTimestamp: Time?
        init(generateName: String?, annotations: [String: String]?, deletionTimestamp: Time?) {
            self.generateName = generateName; self.annotations = annotations; self.deletionTimestamp = deletionTimestamp
        }
        static func == (a: Rare, b: Rare) -> Bool {
            a.generateName == b.generateName && a.annotations == b.annotations && a.deletionTimestamp == b.deletionTimestamp
        }
        func hash(into h: inout Hasher) { h.combine(generateName); h.combine(annotations); h.combine(deletionTimestamp) }
    }

    private mutating func setRare(generateName: String?, annotations: [String: String]?, deletionTimestamp: Time?) {
        rare = generateName == nil && annotations == nil && deletionTimestamp == nil ? nil
            : Rare(generateName: generateName, annotations: annotations, deletionTimestamp: deletionTimestamp)
    }

    public var generateName: String? {
        get { rare?.generateName }
        set { setRare(generateName: newValue, annotations: annotations, deletionTimestamp: deletionTimestamp) }
    }
    public var annotations: [String: String]? {
        get { rare?.annotations }
        set { setRare(generateName: generateName, annotations: newValue, deletionTimestamp: deletionTimestamp) }
    }
    public var deletionTimestamp: Time? {
        get { rare?.deletionTimestamp }
        set { setRare(generateName: generateName, annotations: annotations, deletionTimestamp: newValue) }
    }

    public init(name: String? = nil, namespace: String? = nil, labels: [String: String]? = nil) {
        self.name = name; self.namespace = namespace; self.labels = labels
    }

    public var nameOrEmpty: String { name ?? generateName ?? "" }
    public var labelsOrEmpty: [String: String] { labels ?? [:] }
    public var annotationsOrEmpty: [String: String] { annotations ?? [:] }
    public var controllerRef: OwnerReference? { ownerReferences?.first { $0.controller == true } }
    public var isTerminating: Bool { deletionTimestamp != nil }

    /// Annotations the simulation reads; the rest are dropped while decoding.
    public static func keepsAnnotation(_ key: String) -> Bool {
        key.hasPrefix("premortem.io/") || key.hasPrefix("kubernetes.io/config.")
            || key == "controller.kubernetes.io/pod-deletion-cost"
    }
}

extension OwnerReference: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        self.init(kind: "", name: "", controller: false)
        controller = nil
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "apiVersion": apiVersion = try r.readInternedString()
            case "kind": kind = try r.readString()
            case "name": name = try r.readString()
            case "controller": controller = try r.readBoolOrNil()
            default: try r.skipValue()
            }
        }
    }
}

extension ObjectMeta: Encodable {
    private enum Keys: String, CodingKey {
        case name, generateName, namespace, labels, annotations, ownerReferences, deletionTimestamp, resourceVersion
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encodeIfPresent(name, forKey: .name)
        try c.encodeIfPresent(generateName, forKey: .generateName)
        try c.encodeIfPresent(namespace, forKey: .namespace)
        try c.encodeIfPresent(labels, forKey: .labels)
        try c.encodeIfPresent(annotations, forKey: .annotations)
        try c.encodeIfPresent(ownerReferences, forKey: .ownerReferences)
        try c.encodeIfPresent(deletionTimestamp, forKey: .deletionTimestamp)
        try c.encodeIfPresent(resourceVersion, forKey: .resourceVersion)
    }
}

extension ObjectMeta: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        self.init()
        var generateName: String?, annotations: [String: String]?, deletionTimestamp: Time?
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "name": name = try r.readStringOrNil()
            case "generateName": generateName = try r.readStringOrNil()
            case "namespace": namespace = try r.readInternedString()
            case "labels": labels = try r.readStringMap().map(r.interner.map)
            case "annotations":
                if r.readNull() { continue }
                try r.beginObject()
                var kept: [String: String] = [:]
                while let k = try r.nextKey() {
                    let name = k.string
                    if Self.keepsAnnotation(name) { kept[name] = try r.readStringOrNil() ?? "" } else { try r.skipValue() }
                }
                annotations = kept.isEmpty ? nil : kept
            case "ownerReferences": ownerReferences = try r.readArray(of: OwnerReference.self).map(r.interner.owners)
            case "deletionTimestamp": deletionTimestamp = try r.read(Time.self)
            case "resourceVersion": resourceVersion = try r.readStringOrNil()
            default: try r.skipValue()
            }
        }
        // The prefix only matters while the API server has not named the object yet.
        if name != nil { generateName = nil }
        setRare(generateName: generateName, annotations: annotations, deletionTimestamp: deletionTimestamp)
    }
}

/// A point in time as the API server writes it (`2024-05-06T07:43:04Z`), held as whole
/// seconds: a pod carries a few, and a string each would be an allocation each.
public struct Time: Sendable, Hashable, Comparable, Encodable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var seconds: Int64

    public init(seconds: Int64) { self.seconds = seconds }

    /// From RFC 3339 text; an unreadable time is the epoch (the API never sends one).
    public init(stringLiteral text: String) { seconds = Timestamp.seconds(text) ?? 0 }

    public static func < (a: Time, b: Time) -> Bool { a.seconds < b.seconds }

    public var description: String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        // Civil date from days (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)-\(two(m))-\(two(d))T\(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60))Z"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

extension Time: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        let text = try r.readString()
        guard let s = Timestamp.seconds(text) else { throw r.error("not an RFC 3339 time: \(text)") }
        seconds = s
    }
}

/// RFC 3339 timestamps as the API server writes them (`2024-05-06T07:43:04Z`).
public enum Timestamp {
    public static func parse(_ s: String?) -> Date? {
        seconds(s).map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    public static func parse(_ t: Time?) -> Date? {
        t.map { Date(timeIntervalSince1970: TimeInterval($0.seconds)) }
    }

    /// Whole seconds since 1970 of an RFC 3339 time (`2024-05-06T07:43:04Z`, fractions and
    /// offsets allowed), without a date formatter: evidence reads two per pod.
    public static func seconds(_ s: String?) -> Int64? {
        guard let s else { return nil }
        let b = Array(s.utf8)
        guard b.count >= 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54 || b[10] == 0x74 || b[10] == 0x20,
              b[13] == 0x3A, b[16] == 0x3A else { return nil }
        func num(_ i: Int, _ n: Int) -> Int64? {
            var v: Int64 = 0
            for k in i..<(i + n) {
                guard b[k] >= 0x30, b[k] <= 0x39 else { return nil }
                v = v * 10 + Int64(b[k] - 0x30)
            }
            return v
        }
        guard let year = num(0, 4), let month = num(5, 2), let day = num(8, 2), let hour = num(11, 2),
              let minute = num(14, 2), let second = num(17, 2), (1...12).contains(month), (1...31).contains(day) else { return nil }
        var i = 19
        if i < b.count, b[i] == 0x2E { i += 1; while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 } }
        var offset: Int64 = 0
        guard i < b.count else { return nil }
        if b[i] == 0x5A || b[i] == 0x7A {
            i += 1
        } else if b[i] == 0x2B || b[i] == 0x2D, i + 6 <= b.count, b[i + 3] == 0x3A, let oh = num(i + 1, 2), let om = num(i + 4, 2) {
            offset = (oh * 3600 + om * 60) * (b[i] == 0x2B ? 1 : -1)
            i += 6
        } else { return nil }
        guard i == b.count else { return nil }
        // Days from the civil date (Howard Hinnant's algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return days * 86_400 + hour * 3600 + minute * 60 + second - offset
    }
}
