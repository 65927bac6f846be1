/// Decode errors quote what they could not read ("invalid quantity \"...\"", "unknown
/// operation \"...\""): values from the object, which may be secrets (an env value, an
/// annotation) or megabytes long. Logs keep the error's shape and path, never the values.
enum LogRedaction {
    static let maxLength = 300

    /// `text` with every double-quoted part replaced by `"…"`, cut to `maxLength`.
    static func redacted(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(min(text.utf8.count, maxLength + 16))
        var inQuote = false
        var escaped = false
        for ch in text {
            if inQuote {
                if escaped { escaped = false; continue }
                if ch == "\\" { escaped = true; continue }
                if ch == "\"" { inQuote = false; out.append("\"") }
                continue
            }
            if ch == "\"" { inQuote = true; out.append("\"…") } else { out.append(ch) }
            if out.count >= maxLength { return out + "…" }
        }
        if inQuote { out.append("\"") }
        return out
    }
}
