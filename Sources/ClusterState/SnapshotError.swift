import KubeModel

/// Why a cluster snapshot could not be loaded. Every case names the path involved so that a
/// user can go straight to the file at fault.
public enum SnapshotError: Error, Sendable, CustomStringConvertible {
    case missingDirectory(String)
    case notADirectory(String)
    /// The folder holds no `.yaml`, `.yml` or `.json` file (hidden ones are skipped).
    case noManifestFiles(String)
    /// Manifest files were found but none held an object.
    case noObjects(String)
    case unreadableFile(String, reason: String)
    case invalidManifest(ManifestError)

    public var description: String {
        switch self {
        case .missingDirectory(let path):
            "cluster snapshot \(path): no such directory"
        case .notADirectory(let path):
            "cluster snapshot \(path): not a directory"
        case .noManifestFiles(let path):
            "cluster snapshot \(path): no .yaml, .yml or .json files found (hidden files and folders are skipped)"
        case .noObjects(let path):
            "cluster snapshot \(path): the manifest files hold no Kubernetes objects"
        case .unreadableFile(let path, let reason):
            "\(path): cannot read file: \(reason)"
        case .invalidManifest(let error):
            error.description
        }
    }
}
