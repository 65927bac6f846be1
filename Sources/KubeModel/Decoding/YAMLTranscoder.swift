import CYaml

/// Reads YAML with libyaml's event parser (the C library Yams wraps) and writes each node as
/// JSON, so that YAML and JSON share one decoder. No node tree is built: a `kubectl get -o
/// yaml` dump of a large cluster is turned into JSON one list item at a time.
///
/// Scalars follow the YAML 1.2 core schema for `null`, booleans and numbers; anything else is
/// a string, and the JSON reader reads a number where a string is wanted as its text (as
/// `sigs.k8s.io/yaml` does for string fields). Aliases are expanded (bounded, so a "billion
/// laughs" document cannot exhaust memory); merge keys (`<<`) insert the aliased mapping.
final class YAMLTranscoder {
    private let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    private let eventStorage = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
    private var hasEvent = false
    /// Anchored nodes, as the JSON they were written as.
    private var anchors: [String: [UInt8]] = [:]
    /// JSON bytes written on behalf of aliases so far.
    private var expanded = 0
    private let expansionLimit: Int
    let base: UnsafePointer<UInt8>

    struct Failure: Error {
        var message: String
        var line: Int?
    }

    init(_ bytes: UnsafeRawBufferPointer) {
        base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(bitPattern: 1)!
        expansionLimit = max(64 << 20, bytes.count * 4)
        parser.initialize(to: yaml_parser_t())
        eventStorage.initialize(to: yaml_event_t())
        yaml_parser_initialize(parser)
        yaml_parser_set_input_string(parser, base, bytes.count)
    }

    deinit {
        if hasEvent { yaml_event_delete(eventStorage) }
        yaml_parser_delete(parser)
        parser.deallocate()
        eventStorage.deallocate()
    }


    /// Bytes of input libyaml has consumed (for releasing pages behind it).
    var consumed: Int { parser.pointee.input.string.current.map { $0 - base } ?? 0 }

    // MARK: events

    private func advance() throws(Failure) {
        if hasEvent { yaml_event_delete(eventStorage); hasEvent = false }
        guard yaml_parser_parse(parser, eventStorage) == 1 else {
            let problem = parser.pointee.problem.map { String(cString: $0) } ?? "syntax error"
            let context = parser.pointee.context.map { String(cString: $0) + ": " } ?? ""
            throw Failure(message: "not valid YAML: \(context)\(problem)", line: Int(parser.pointee.problem_mark.line) + 1)
        }
        hasEvent = true
    }

    private var type: yaml_event_type_t { eventStorage.pointee.type }

    private var scalarText: String {
        let s = eventStorage.pointee.data.scalar
        return String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
    }

    private func anchorName(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        p.map { String(cString: $0) }
    }

    // MARK: documents

    /// What a document holds: a plain object, or a `List` whose items come one at a time.
    enum Document {
        case end
        case empty
        case object
        case list
    }

    /// Moves to the next document. For `.object` the whole document has been written to
    /// `out`. For `.list` call `nextItem` until it returns false.
    /// `sequenceAsList`: a document that is a sequence hands out its elements as list items
    /// (for a slice of a List's items read on its own).
    func nextDocument(into out: inout [UInt8], sequenceAsList: Bool = false) throws(Failure) -> Document {
        if !hasEvent || type == YAML_STREAM_START_EVENT || type == YAML_DOCUMENT_END_EVENT {
            repeat { try advance() } while type == YAML_STREAM_START_EVENT || type == YAML_DOCUMENT_END_EVENT
        }
        if type == YAML_STREAM_END_EVENT { return .end }
        guard type == YAML_DOCUMENT_START_EVENT else { throw Failure(message: "not valid YAML: expected a document", line: line) }
        try advance()
        switch type {
        case YAML_SCALAR_EVENT:
            let text = scalarText
            let plain = eventStorage.pointee.data.scalar.style == YAML_PLAIN_SCALAR_STYLE
            try advance()
            if plain && ["", "~", "null", "Null", "NULL"].contains(text) { return .empty }
            throw Failure(message: "expected an object (a mapping with apiVersion and kind)", line: line)
        case YAML_MAPPING_START_EVENT:
            return try topLevelMapping(into: &out)
        case YAML_SEQUENCE_START_EVENT where sequenceAsList:
            try advance()
            pendingList = true
            rootSequence = true
            return .list
        default:
            throw Failure(message: "expected an object (a mapping with apiVersion and kind)", line: line)
        }
    }

    /// The current list is the document's root sequence, not a List's `items`.
    private var rootSequence = false

    /// The next document's root, whatever it is, as JSON; false at the end of the stream.
    func nextValue(into out: inout [UInt8]) throws(Failure) -> Bool {
        if !hasEvent || type == YAML_STREAM_START_EVENT || type == YAML_DOCUMENT_END_EVENT {
            repeat { try advance() } while type == YAML_STREAM_START_EVENT || type == YAML_DOCUMENT_END_EVENT
        }
        if type == YAML_STREAM_END_EVENT { return false }
        try advance()
        out.removeAll(keepingCapacity: true)
        try writeNode(into: &out)
        return true
    }

    private var line: Int { Int(parser.pointee.mark.line) + 1 }

    /// The document's own mapping: written whole, unless it has an `items` sequence, which is
    /// then handed out item by item (the rest of the mapping is discarded: a List's own fields
    /// carry nothing the simulation reads).
    private func topLevelMapping(into out: inout [UInt8]) throws(Failure) -> Document {
        let anchor = anchorName(eventStorage.pointee.data.mapping_start.anchor)
        try advance()
        out.removeAll(keepingCapacity: true)
        out.append(UInt8(ascii: "{"))
        var first = true
        while type != YAML_MAPPING_END_EVENT {
            guard type == YAML_SCALAR_EVENT else { throw Failure(message: "a mapping key must be a plain value", line: line) }
            let isItems = scalarIs("items")
            let key = scalarText
            try advance()
            if isItems && type == YAML_SEQUENCE_START_EVENT {
                try advance()
                pendingList = true
                return .list
            }
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            Self.writeString(key, into: &out)
            out.append(UInt8(ascii: ":"))
            try writeNode(into: &out)
        }
        out.append(UInt8(ascii: "}"))
        if let anchor { anchors[anchor] = out }
        try advance()
        return .object
    }

    private var pendingList = false

    /// The next item of the current `List` document into `out`; false at its end.
    func nextItem(into out: inout [UInt8]) throws(Failure) -> Bool {
        guard pendingList else { return false }
        if type == YAML_SEQUENCE_END_EVENT {
            pendingList = false
            try advance()
            if rootSequence { rootSequence = false; return false }
            // Skip the rest of the List's mapping (kind, metadata).
            while type != YAML_MAPPING_END_EVENT {
                var sink: [UInt8] = []
                guard type == YAML_SCALAR_EVENT else { throw Failure(message: "a mapping key must be a plain value", line: line) }
                try advance()
                try writeNode(into: &sink)
            }
            try advance()
            return false
        }
        out.removeAll(keepingCapacity: true)
        try writeNode(into: &out)
        return true
    }

    // MARK: nodes

    /// The scalar's bytes, valid until the next event.
    private var scalarBytes: UnsafeBufferPointer<UInt8> {
        let s = eventStorage.pointee.data.scalar
        return UnsafeBufferPointer(start: s.value, count: s.length)
    }

    private func scalarIs(_ literal: StaticString) -> Bool {
        let b = scalarBytes
        return b.count == literal.utf8CodeUnitCount && (b.count == 0 || memcmp(b.baseAddress!, literal.utf8Start, b.count) == 0)
    }

    /// Keys whose values nothing reads, written as `null` without turning their events into
    /// JSON: `managedFields` is a third of a pod as the API server returns it.
    private var skippedKey: Bool { scalarIs("managedFields") }

    /// One level of the node being written: a mapping (at a key or at a value) or a sequence.
    private struct Frame {
        var mapping: Bool
        var first = true
        var atKey = true
        /// Index into `frameAnchors`, or -1.
        var anchor = -1
        var start: Int
    }

    /// Writes the node that starts at the current event as JSON, leaving the parser after it.
    private func writeNode(into out: inout [UInt8]) throws(Failure) {
        // Iterative over nesting: a deeply nested document must not exhaust the stack.
        var stack: [Frame] = []
        var frameAnchors: [String] = []
        func close(_ f: Frame) {
            if f.anchor >= 0 { anchors[frameAnchors[f.anchor]] = Array(out[f.start...]) }
        }
        repeat {
            // A value inside a mapping or sequence needs its separator first.
            if var top = stack.last {
                if top.mapping {
                    if type == YAML_MAPPING_END_EVENT {
                        out.append(UInt8(ascii: "}"))
                        stack.removeLast()
                        close(top)
                        try advance()
                        continue
                    }
                    if top.atKey {
                        guard type == YAML_SCALAR_EVENT else { throw Failure(message: "a mapping key must be a plain value", line: line) }
                        if eventStorage.pointee.data.scalar.style == YAML_PLAIN_SCALAR_STYLE && scalarIs("<<") {
                            try advance()
                            let merged = try mergeSource()
                            if !merged.isEmpty {
                                if !top.first { out.append(UInt8(ascii: ",")) }
                                out.append(contentsOf: merged)
                                top.first = false
                                stack[stack.count - 1] = top
                            }
                            continue
                        }
                        if !top.first { out.append(UInt8(ascii: ",")) }
                        Self.writeString(scalarBytes, into: &out)
                        out.append(UInt8(ascii: ":"))
                        top.first = false
                        if skippedKey {
                            try advance()
                            try skipNode()
                            out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
                            stack[stack.count - 1] = top
                            continue
                        }
                        top.atKey = false
                        stack[stack.count - 1] = top
                        try advance()
                        continue
                    }
                    top.atKey = true
                    stack[stack.count - 1] = top
                } else {
                    if type == YAML_SEQUENCE_END_EVENT {
                        out.append(UInt8(ascii: "]"))
                        stack.removeLast()
                        close(top)
                        try advance()
                        continue
                    }
                    if !top.first { out.append(UInt8(ascii: ",")) }
                    top.first = false
                    stack[stack.count - 1] = top
                }
            }
            switch type {
            case YAML_SCALAR_EVENT:
                let start = out.count
                writeScalar(into: &out)
                if let anchor = anchorName(eventStorage.pointee.data.scalar.anchor) { anchors[anchor] = Array(out[start...]) }
                try advance()
            case YAML_ALIAS_EVENT:
                guard let name = anchorName(eventStorage.pointee.data.alias.anchor), let value = anchors[name] else {
                    throw Failure(message: "not valid YAML: unknown alias", line: line)
                }
                expanded += value.count
                if expanded > expansionLimit { throw Failure(message: "aliases expand to more than \(expansionLimit >> 20) MiB", line: line) }
                out.append(contentsOf: value)
                try advance()
            case YAML_MAPPING_START_EVENT, YAML_SEQUENCE_START_EVENT:
                let mapping = type == YAML_MAPPING_START_EVENT
                var frame = Frame(mapping: mapping, start: out.count)
                if let a = anchorName(mapping ? eventStorage.pointee.data.mapping_start.anchor : eventStorage.pointee.data.sequence_start.anchor) {
                    frame.anchor = frameAnchors.count
                    frameAnchors.append(a)
                }
                stack.append(frame)
                out.append(mapping ? UInt8(ascii: "{") : UInt8(ascii: "["))
                try advance()
            default:
                throw Failure(message: "not valid YAML: unexpected end of a node", line: line)
            }
        } while !stack.isEmpty
    }

    /// Moves past the node that starts at the current event without writing it.
    private func skipNode() throws(Failure) {
        var depth = 0
        repeat {
            switch type {
            case YAML_MAPPING_START_EVENT, YAML_SEQUENCE_START_EVENT: depth += 1
            case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT: depth -= 1
            case YAML_SCALAR_EVENT, YAML_ALIAS_EVENT: break
            default: throw Failure(message: "not valid YAML: unexpected end of a node", line: line)
            }
            try advance()
        } while depth > 0
    }

    /// The members to insert for a merge key: an alias of a mapping, or a sequence of them.
    private func mergeSource() throws(Failure) -> [UInt8] {
        func members(_ json: [UInt8]) -> [UInt8] {
            guard json.count > 2, json.first == UInt8(ascii: "{") else { return [] }
            return Array(json[1..<(json.count - 1)])
        }
        var aliases: [String] = []
        if type == YAML_ALIAS_EVENT {
            aliases.append(anchorName(eventStorage.pointee.data.alias.anchor) ?? "")
            try advance()
        } else if type == YAML_SEQUENCE_START_EVENT {
            try advance()
            while type == YAML_ALIAS_EVENT {
                aliases.append(anchorName(eventStorage.pointee.data.alias.anchor) ?? "")
                try advance()
            }
            guard type == YAML_SEQUENCE_END_EVENT else { throw Failure(message: "a merge key takes aliases of mappings", line: line) }
            try advance()
        } else {
            throw Failure(message: "a merge key takes aliases of mappings", line: line)
        }
        var out: [UInt8] = []
        for a in aliases {
            guard let value = anchors[a] else { throw Failure(message: "not valid YAML: unknown alias", line: line) }
            let m = members(value)
            if m.isEmpty { continue }
            expanded += m.count
            if expanded > expansionLimit { throw Failure(message: "aliases expand to more than \(expansionLimit >> 20) MiB", line: line) }
            if !out.isEmpty { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: m)
        }
        return out
    }

    /// A scalar as JSON: null, a boolean or a number when it is a plain scalar that reads as
    /// one (YAML 1.2 core schema), a string otherwise.
    private func writeScalar(into out: inout [UInt8]) {
        let s = eventStorage.pointee.data.scalar
        let bytes = UnsafeBufferPointer(start: s.value, count: s.length)
        if s.style != YAML_PLAIN_SCALAR_STYLE {
            Self.writeString(bytes, into: &out)
            return
        }
        let tag = s.tag.map { String(cString: $0) }
        if tag == "tag:yaml.org,2002:str" {
            Self.writeString(bytes, into: &out)
            return
        }
        if tag == nil || tag == "tag:yaml.org,2002:null" || tag == "tag:yaml.org,2002:bool"
            || tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float" {
            if let literal = Self.jsonLiteral(bytes) {
                out.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
                return
            }
            if Self.isJSONNumber(bytes) {
                out.append(contentsOf: bytes)
                return
            }
        }
        Self.writeString(bytes, into: &out)
    }

    private static let nullWords: Set<String> = ["", "~", "null", "Null", "NULL"]
    private static let trueWords: Set<String> = ["true", "True", "TRUE"]
    private static let falseWords: Set<String> = ["false", "False", "FALSE"]

    private static func jsonLiteral(_ b: UnsafeBufferPointer<UInt8>) -> StaticString? {
        guard b.count <= 5 else { return nil }
        // Every word below starts with one of these (or is empty).
        if let c = b.first, !"~nNtTfF".utf8.contains(c) { return nil }
        let s = String(decoding: b, as: UTF8.self)
        if nullWords.contains(s) { return "null" }
        if trueWords.contains(s) { return "true" }
        if falseWords.contains(s) { return "false" }
        return nil
    }

    /// JSON's number grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func isJSONNumber(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        func digit(_ k: Int) -> Bool { k < n && b[k] >= 0x30 && b[k] <= 0x39 }
        if i < n && b[i] == 0x2D { i += 1 }
        guard digit(i) else { return false }
        if b[i] == 0x30 { i += 1 } else { while digit(i) { i += 1 } }
        if i < n && b[i] == 0x2E {
            i += 1
            guard digit(i) else { return false }
            while digit(i) { i += 1 }
        }
        if i < n && (b[i] == 0x65 || b[i] == 0x45) {
            i += 1
            if i < n && (b[i] == 0x2B || b[i] == 0x2D) { i += 1 }
            guard digit(i) else { return false }
            while digit(i) { i += 1 }
        }
        return i == n
    }

    static func writeString(_ s: String, into out: inout [UInt8]) {
        var s = s
        s.withUTF8 { writeString($0, into: &out) }
    }

    static func writeString(_ b: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var runStart = 0
        for i in 0..<b.count {
            let c = b[i]
            guard c < 0x20 || c == 0x22 || c == 0x5C else { continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<i]))
            switch c {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            default:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 0xF)]])
            }
            runStart = i + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<b.count]))
        out.append(UInt8(ascii: "\""))
    }
}
