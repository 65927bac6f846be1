/// The default scheduler profile (`pkg/scheduler/apis/config/v1/default_plugins.go`): the
/// plugins at each extension point, in upstream order, and the score weights.
struct Profile: Sendable {
    let preFilters: [any PreFilterPlugin]
    let extensions: [any PreFilterExtensions]
    let filters: [any FilterPlugin]
    let scores: [(plugin: any ScorePlugin, weight: Int64, v120Weight: Int64)]

    static let `default` = Profile()

    private init() {
        let fit = NodeResourcesFit(), affinity = NodeAffinity(), taints = TaintToleration()
        let spread = PodTopologySpread(), interPod = InterPodAffinity(), volumes = VolumeBinding()
        preFilters = [affinity, volumes, spread, interPod]
        extensions = [spread, interPod]
        filters = [NodeUnschedulable(), NodeName(), taints, affinity, NodePorts(), fit, volumes, VolumeZone(), spread, interPod]
        // Current weights; v1.20 (algorithmprovider/registry.go) gave TaintToleration,
        // NodeAffinity and InterPodAffinity 1, for telling clear placements from close ones.
        scores = [(taints, 3, 1), (affinity, 2, 1), (spread, 2, 2), (interPod, 2, 1),
                  (fit, 1, 1), (BalancedAllocation(), 1, 1), (ImageLocality(), 1, 1)]
    }
}
