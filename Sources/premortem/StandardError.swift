import Foundation

/// `print(..., to: &stderr)` for messages meant for people, not for scripts.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { FileHandle.standardError.write(Data(string.utf8)) }
}
