import Foundation
import Yams

/// A document that could not be read, with where it came from.
public struct ManifestError: Error, Sendable, CustomStringConvertible {
    public var source: String
    public var documentIndex: Int?
    public var reason: String
    public init(source: String, documentIndex: Int?, reason: String) {
        self.source = source; self.documentIndex = documentIndex; self.reason = reason
    }
    public var description: String {
        if let documentIndex { return "\(source): document \(documentIndex): \(reason)" }
        return "\(source): \(reason)"
    }
}

/// Reads YAML or JSON manifests: single objects, multi-document streams and `kind: List`.
public enum ManifestDecoder {
    /// Decodes every object in `text`, flattening `List`s. `source` names the input in errors.
    public static func decodeAll(_ text: String, source: String) throws(ManifestError) -> [KubeObject] {
        var nodes: [Yams.Node] = []
        do {
            // Parse eagerly: Yams' lazy `compose_all` sequence ends silently at a syntax error.
            let parser = try Parser(yaml: text)
            while let node = try parser.nextRoot() { nodes.append(node) }
        } catch {
            throw ManifestError(source: source, documentIndex: nil, reason: "not valid YAML or JSON: \(Self.describe(error))")
        }
        var out: [KubeObject] = []
        for (index, node) in nodes.enumerated() {
            if case .scalar(let s) = node, ["", "~", "null", "Null", "NULL"].contains(s.string) { continue }
            guard case .mapping(let map) = node else {
                throw ManifestError(source: source, documentIndex: index, reason: "expected an object (a mapping with apiVersion and kind)")
            }
            let kind = map["kind"]?.string
            if let kind, kind.hasSuffix("List"), let items = map["items"] {
                guard case .sequence(let seq) = items else {
                    throw ManifestError(source: source, documentIndex: index, reason: "items of a List must be a sequence")
                }
                for (itemIndex, item) in seq.enumerated() {
                    out.append(try decodeOne(item, source: source, index: index, detail: "items[\(itemIndex)]"))
                }
            } else {
                out.append(try decodeOne(node, source: source, index: index, detail: nil))
            }
        }
        return out
    }

    private static func decodeOne(_ node: Yams.Node, source: String, index: Int, detail: String?) throws(ManifestError) -> KubeObject {
        do {
            return try YAMLDecoder().decode(KubeObject.self, from: node)
        } catch {
            let at = detail.map { "\($0): " } ?? ""
            throw ManifestError(source: source, documentIndex: index, reason: at + describe(error))
        }
    }

    /// Turns Swift decoding errors into "field a.b.c: what was wrong".
    public static func describe(_ error: any Error) -> String {
        func path(_ p: [any CodingKey]) -> String {
            p.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case DecodingError.keyNotFound(let key, let ctx):
            let at = path(ctx.codingPath + [key])
            return "missing required field \(at)"
        case DecodingError.typeMismatch(let type, let ctx):
            return "field \(path(ctx.codingPath)): expected \(typeName(type)); \(ctx.debugDescription)"
        case DecodingError.valueNotFound(let type, let ctx):
            return "field \(path(ctx.codingPath)): expected \(typeName(type)), found null"
        case DecodingError.dataCorrupted(let ctx):
            let p = path(ctx.codingPath)
            return p.isEmpty ? ctx.debugDescription : "field \(p): \(ctx.debugDescription)"
        case let e as YamlError:
            return "\(e)".split(separator: "\n").first.map(String.init) ?? "\(e)"
        default:
            return "\(error)"
        }
    }

    private static func typeName(_ t: Any.Type) -> String {
        let s = String(describing: t)
        switch s {
        case "Int", "Int64": return "an integer"
        case "String": return "a string"
        case "Bool": return "a boolean"
        default: return s.hasPrefix("Array") ? "a list" : (s.hasPrefix("Dictionary") ? "a mapping" : s)
        }
    }
}
