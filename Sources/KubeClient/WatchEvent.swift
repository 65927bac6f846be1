import KubeModel

/// One line of a watch stream: `{"type":"ADDED","object":{...}}`.
public enum WatchEvent: Sendable {
    case added(KubeObject)
    case modified(KubeObject)
    case deleted(KubeObject)
    /// The server's progress mark: nothing changed up to this resource version.
    case bookmark(resourceVersion: String)
    /// The server ended the watch with a Status (410 Gone: relist).
    case error(code: Int, message: String)
    /// A line that could not be read: logged and skipped.
    case malformed(String)

    /// The longest event accepted: far beyond any real object, a bound against a broken stream.
    static let maxLine = 64 << 20

    static func decode(_ line: [UInt8], kind: String, interner: Interner) -> WatchEvent {
        line.withUnsafeBytes { raw -> WatchEvent in
            var r = JSONReader(raw, interner: interner)
            if r.atEnd() { return .malformed("an empty line") }
            do throws(DecodeError) {
                var type = ""
                var object: KubeObject?
                var status: (Int, String)?
                var bookmarkVersion = ""
                try r.beginObject()
                while let key = try r.nextKey() {
                    switch key {
                    case "type": type = try r.readString()
                    case "object":
                        let (start, depth) = (r.offset, r.depth)
                        let inner = try r.peekKind()
                        if inner == "Status" {
                            status = try readStatus(&r)
                        } else if type == "BOOKMARK" {
                            bookmarkVersion = try ObjectMeta.resourceVersion(of: &r)
                        } else {
                            do throws(DecodeError) { object = try KubeObject(json: &r, kind: kind) } catch {
                                if error.message.hasPrefix("not valid JSON") { throw error }
                                r.rewind(to: start, depth: depth)
                                try r.skipValue()
                                return .malformed("\(kind) event: \(error)")
                            }
                        }
                    default: try r.skipValue()
                    }
                }
                switch type {
                case "ADDED": if let object { return .added(object) }
                case "MODIFIED": if let object { return .modified(object) }
                case "DELETED": if let object { return .deleted(object) }
                case "BOOKMARK": return .bookmark(resourceVersion: bookmarkVersion)
                case "ERROR": return .error(code: status?.0 ?? 500, message: status?.1 ?? "watch error")
                default: return .malformed("unknown watch event type \"\(type)\"")
                }
                return .malformed("\(type) event without an object")
            } catch {
                return .malformed("not a watch event: \(error)")
            }
        }
    }

    private static func readStatus(_ r: inout JSONReader) throws(DecodeError) -> (Int, String) {
        var code = 500, message = ""
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "code": code = try r.readIntOrNil() ?? 500
            case "message": message = try r.readStringOrNil() ?? ""
            default: try r.skipValue()
            }
        }
        return (code, message)
    }
}

extension ObjectMeta {
    /// `metadata.resourceVersion` of the object that comes next (a bookmark's only field).
    static func resourceVersion(of r: inout JSONReader) throws(DecodeError) -> String {
        var version = ""
        try r.beginObject()
        while let key = try r.nextKey() {
            if case "metadata" = key { version = try r.read(ObjectMeta.self)?.resourceVersion ?? "" } else { try r.skipValue() }
        }
        return version
    }
}
