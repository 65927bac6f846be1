import ArgumentParser
import Foundation
import Yams
import KubeModel
import Admission

enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, yaml, json }

/// The stable document `-o json` and `-o yaml` print: the overall verdict, every finding
/// with its plan, and how the search went.
struct CheckOutput: Encodable {
    struct Item: Encodable {
        var type: String
        var severity: String
        var object: ObjectRef
        var operation: String
        var message: String
        var evidence: [String]?
        var fix: String?
        var plan: [PlanStepOutput]
    }
    struct PlanStepOutput: Encodable {
        var action: String
        var target: String
        var at: String
        var result: String
    }
    struct SearchOutput: Encodable {
        var complete: Bool
        var cutShortReason: String?
        var statesExplored: Int
        var depth: Int
    }
    var verdict: String
    var findings: [Item]
    var search: SearchOutput

    init(_ results: [Checker.Result]) {
        verdict = Checker.verdict(results).rawValue
        findings = results.flatMap { r in
            r.report.findings.map { f in
                Item(type: f.type.rawValue, severity: f.severity.rawValue, object: f.object, operation: r.operation.rawValue,
                     message: f.message, evidence: f.evidence.isEmpty ? nil : f.evidence, fix: f.fix,
                     plan: f.plan.map { PlanStepOutput(action: $0.action, target: $0.target, at: "\($0.atSeconds)s", result: $0.result) })
            }
        }
        let searches = results.map(\.report.search)
        search = SearchOutput(complete: searches.allSatisfy(\.complete),
                              cutShortReason: searches.compactMap(\.cutShortReason).first,
                              statesExplored: searches.map(\.statesExplored).reduce(0, +),
                              depth: searches.map(\.depth).max() ?? 0)
    }
}

enum ReportPrinter {
    static func render(_ results: [Checker.Result], format: OutputFormat, colour: Bool) throws -> String {
        switch format {
        case .json:
            let enc = JSONEncoder()
            enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try enc.encode(CheckOutput(results)), as: UTF8.self)
        case .yaml:
            return try YAMLEncoder().encode(CheckOutput(results))
        case .text:
            return text(results, colour: colour)
        }
    }

    static func text(_ results: [Checker.Result], colour: Bool) -> String {
        func paint(_ s: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        func badge(_ v: Verdict) -> String {
            switch v {
            case .allow, .info: paint("ALLOW", "32")
            case .warn: paint("WARN ", "33")
            case .deny: paint("DENY ", "31;1")
            }
        }
        var lines: [String] = []
        for r in results {
            let op = r.operation == .connect ? "" : "\(r.operation.rawValue) "
            lines.append("\(badge(r.report.verdict)) \(op)\(r.object)")
            for f in r.report.findings {
                let mark = switch f.severity {
                case .deny: paint("✗", "31")
                case .warn: paint("!", "33")
                case .info, .allow: paint("i", "36")
                }
                lines.append("  \(mark) \(f.type.rawValue): \(f.message)")
                for e in f.evidence { lines.append("      evidence: \(e)") }
                if let fix = f.fix { lines.append("      fix: \(fix)") }
                for (i, step) in f.plan.enumerated() {
                    lines.append("      \(i + 1). at \(step.atSeconds) s \(step.action) \(step.target): \(step.result)")
                }
            }
            if !r.report.search.complete {
                lines.append("  " + paint("search cut short: \(r.report.search.cutShortReason ?? "bound reached")", "2"))
            }
        }
        lines.append("verdict: \(Checker.verdict(results).rawValue)")
        return lines.joined(separator: "\n")
    }

    static var stdoutIsTerminal: Bool {
        isatty(1) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }
}
