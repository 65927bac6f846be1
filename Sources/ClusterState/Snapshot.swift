import Foundation
import KubeModel

/// The objects of a cluster as it stands, read from manifests (`kubectl get -o yaml` output).
public struct Snapshot: Sendable {
    public var objects: [KubeObject]
    /// Kind -> number of objects of that kind kept as `.opaque` (kinds not modelled).
    public var opaqueKinds: [String: Int]
    /// The files read, in the order they were read (relative to the snapshot directory).
    public var files: [String]

    public init(objects: [KubeObject], files: [String] = []) {
        self.objects = objects
        self.files = files
        var kinds: [String: Int] = [:]
        for object in objects where object.isOpaque { kinds[object.kind, default: 0] += 1 }
        self.opaqueKinds = kinds
    }

    static let manifestExtensions: Set<String> = ["yaml", "yml", "json"]

    /// Reads every `.yaml`, `.yml` and `.json` file below `directory`, in sorted path order so
    /// that two loads of one folder always give the same object order.
    public static func load(directory: URL) throws(SnapshotError) -> Snapshot {
        var objects: [KubeObject] = []
        let files = try forEachObject(directory: directory, interner: Interner()) { objects.append($0) }
        if objects.isEmpty { throw .noObjects(directory.relativePath) }
        return Snapshot(objects: objects, files: files)
    }

    /// Streams the objects of every manifest file below `directory` to `body`, one at a time,
    /// without holding the files or a list of objects: what loading a large cluster needs.
    /// Returns the files read.
    @discardableResult
    public static func forEachObject(directory: URL, interner: Interner, _ body: (KubeObject) -> Void) throws(SnapshotError) -> [String] {
        let root = directory.standardizedFileURL
        let shown = directory.relativePath
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
            throw .missingDirectory(shown)
        }
        guard isDirectory.boolValue else { throw .notADirectory(shown) }
        let relativePaths = manifestPaths(in: root.path, prefix: "").sorted()
        if relativePaths.isEmpty { throw .noManifestFiles(shown) }
        for relative in relativePaths {
            try decode(file: root.appendingPathComponent(relative).path, shownAs: relative, interner: interner, body)
        }
        return relativePaths
    }

    /// Reads the given files in the given order. Errors name each file as it was given.
    public static func load(files: [URL]) throws(SnapshotError) -> Snapshot {
        var objects: [KubeObject] = []
        var names: [String] = []
        let interner = Interner()
        for file in files {
            let name = file.relativePath
            try decode(file: file.path, shownAs: name, interner: interner) { objects.append($0) }
            names.append(name)
        }
        if objects.isEmpty { throw .noObjects(names.joined(separator: ", ")) }
        return Snapshot(objects: objects, files: names)
    }

    /// Parses manifests held in memory; `source` names them in errors.
    public static func parse(text: String, source: String) throws(SnapshotError) -> Snapshot {
        do throws(ManifestError) {
            return Snapshot(objects: try ManifestDecoder.decodeAll(text, source: source), files: [source])
        } catch {
            throw .invalidManifest(error)
        }
    }

    static func decode(file path: String, shownAs name: String, interner: Interner, _ body: (KubeObject) -> Void) throws(SnapshotError) {
        let file: MappedFile
        do { file = try MappedFile(path: path) } catch { throw .unreadableFile(name, reason: error.reason) }
        do throws(ManifestError) {
            try ManifestDecoder.decode(file.bytes, source: name, interner: interner, progress: file.release(upTo:)) { body($0) }
        } catch {
            throw .invalidManifest(error)
        }
    }

    /// Manifest files below `directory`, as paths relative to the snapshot root. Hidden files
    /// and folders are skipped: editors, git and `kubectl` caches leave files there that are
    /// not part of the cluster.
    private static func manifestPaths(in directory: String, prefix: String) -> [String] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory) else { return [] }
        var out: [String] = []
        for name in names where !name.hasPrefix(".") {
            let full = directory + "/" + name
            let relative = prefix + name
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: full, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                out += manifestPaths(in: full, prefix: relative + "/")
            } else if manifestExtensions.contains((name as NSString).pathExtension.lowercased()) {
                out.append(relative)
            }
        }
        return out
    }
}
