import Foundation
import Planner

/// Turns a verdict and its findings into the AdmissionResponse kube-apiserver and kubectl show.
public enum AdmissionResponseBuilder {
    /// kubectl prints each warning on its own `Warning:` line; the apiserver guidance is short,
    /// single-line, printable text, so we keep each under 120 bytes and send at most five.
    public static let maxWarnings = 5
    public static let maxWarningBytes = 119
    /// The auditAnnotations keys; the apiserver prefixes them with the webhook name
    /// (`<webhook>/findings`), which is why they carry no prefix of their own.
    public static let findingsAnnotation = "findings"
    public static let verdictAnnotation = "verdict"

    /// An answer that lets the change through, optionally with notes for the user.
    public static func allow(uid: String, notes: [String] = [], annotations: [String: String]? = nil) -> AdmissionResponse {
        let warnings = notes.map(singleLine).prefix(maxWarnings)
        return AdmissionResponse(uid: uid, allowed: true, warnings: warnings.isEmpty ? nil : Array(warnings),
                                 auditAnnotations: annotations)
    }

    /// The answer for an analysed request. `verdict` is the one after policy (warn mode turns
    /// deny into warn); `notes` are the server's own remarks (check cut short, and so on).
    public static func response(uid: String, report: Report, verdict: Verdict, notes: [String] = []) -> AdmissionResponse {
        // Most severe first, otherwise in the order the analysis reported them (a stable ranking).
        let ranked = report.findings.filter { $0.severity == .deny } + report.findings.filter { $0.severity == .warn }
        let annotations = auditAnnotations(report: report, verdict: verdict)
        switch verdict {
        case .deny:
            let denying = ranked.first { $0.severity == .deny } ?? ranked.first
            let message = denying.map { denyMessage($0, others: ranked.count - 1) }
                ?? "premortem: this change is predicted to cause harm"
            let rest = ranked.filter { $0 != denying }
            let warnings = warningLines(findings: rest, notes: notes)
            return AdmissionResponse(uid: uid, allowed: false, status: AdmissionStatus(message: message),
                                     warnings: warnings.isEmpty ? nil : warnings, auditAnnotations: annotations)
        case .warn, .allow, .info:
            let shown = verdict == .allow ? [] : ranked
            let warnings = warningLines(findings: shown, notes: notes)
            return AdmissionResponse(uid: uid, allowed: true, warnings: warnings.isEmpty ? nil : warnings,
                                     auditAnnotations: annotations)
        }
    }

    /// What will happen and how it starts: kubectl prints this after "denied the request: ".
    public static func denyMessage(_ finding: Finding, others: Int) -> String {
        var parts = ["premortem: \(finding.type.rawValue) \(finding.object): \(trimPeriod(finding.message))."]
        if let step = finding.plan.first {
            parts.append("First step: \(step.action) \(step.target) at +\(step.atSeconds)s -> \(trimPeriod(step.result)).")
        }
        if let fix = finding.fix, !fix.isEmpty { parts.append("Fix: \(trimPeriod(fix)).") }
        if others > 0 { parts.append("(\(others) more finding\(others == 1 ? "" : "s") in the audit annotations.)") }
        return parts.map(singleLineUntruncated).joined(separator: " ")
    }

    /// One `Warning:` line for a finding.
    public static func warningLine(_ finding: Finding) -> String {
        singleLine("premortem: \(finding.type.rawValue) \(finding.object): \(trimPeriod(finding.message))")
    }

    /// Findings first, most severe first; the server's notes always keep a place, since they
    /// say the answer itself is incomplete.
    static func warningLines(findings: [Finding], notes: [String]) -> [String] {
        let noteLines = notes.prefix(2).map(singleLine)
        let room = maxWarnings - noteLines.count
        var lines = findings.prefix(room).map(warningLine)
        if findings.count > room, room > 0 {
            lines[room - 1] = singleLine("premortem: \(findings.count - room + 1) more findings; see the audit annotations")
        }
        return lines + noteLines
    }

    static func auditAnnotations(report: Report, verdict: Verdict) -> [String: String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let findings = (try? encoder.encode(report.findings)).flatMap { String(data: $0, encoding: .utf8) } ?? "[]"
        return [findingsAnnotation: findings, verdictAnnotation: verdict.rawValue]
    }

    /// Printable, one line, under `maxWarningBytes` bytes (cut on a character boundary).
    public static func singleLine(_ text: String) -> String {
        let flat = singleLineUntruncated(text)
        guard flat.utf8.count > maxWarningBytes else { return flat }
        var out = ""
        for ch in flat {
            if out.utf8.count + ch.utf8.count > maxWarningBytes - 3 { break }
            out.append(ch)
        }
        return out + "..."
    }

    static func singleLineUntruncated(_ text: String) -> String {
        let scalars = text.unicodeScalars.map { s -> Character in
            s.properties.generalCategory == .control ? " " : Character(s)
        }
        return String(scalars).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    private static func trimPeriod(_ s: String) -> String {
        var t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        while t.hasSuffix(".") { t.removeLast() }
        return t
    }
}
