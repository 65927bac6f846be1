extension DemoCluster {
    /// `kubectl get nodes -o yaml`: three kubeadm workers, v1.29.4, allocatable cpu 3920m,
    /// memory 15214628Ki (14.51Gi), pods 110 each, all Ready.
    static let nodesYAML = #"""
apiVersion: v1
items:
- apiVersion: v1
  kind: Node
  metadata:
    annotations:
      kubeadm.alpha.kubernetes.io/cri-socket: unix:///var/run/containerd/containerd.sock
      node.alpha.kubernetes.io/ttl: "0"
      volumes.kubernetes.io/controller-managed-attach-detach: "true"
    creationTimestamp: "2024-04-03T07:00:00Z"
    labels:
      beta.kubernetes.io/arch: amd64
      beta.kubernetes.io/os: linux
      kubernetes.io/arch: amd64
      kubernetes.io/hostname: worker-1
      kubernetes.io/os: linux
      topology.kubernetes.io/zone: zone-a
    name: worker-1
    resourceVersion: "48212379"
    uid: 2b236c3f-1389-5b50-8827-f0a048495bff
  spec:
    podCIDR: 10.244.1.0/24
    podCIDRs:
    - 10.244.1.0/24
  status:
    addresses:
    - address: 10.0.1.11
      type: InternalIP
    - address: worker-1
      type: Hostname
    allocatable:
      cpu: 3920m
      ephemeral-storage: "93478772736"
      hugepages-1Gi: "0"
      hugepages-2Mi: "0"
      memory: 15214628Ki
      pods: "110"
    capacity:
      cpu: "4"
      ephemeral-storage: 101430960Ki
      hugepages-1Gi: "0"
      hugepages-2Mi: "0"
      memory: 16365604Ki
      pods: "110"
    conditions:
    - lastHeartbeatTime: "2024-05-14T09:59:24Z"
      lastTransitionTime: "2024-04-03T07:00:00Z"
      message: kubelet has sufficient memory available
      reason: KubeletHasSufficientMemory
      status: "False"
      type: MemoryPressure
    - lastHeartbeatTime: "2024-05-14T09:59:24Z"
      lastTransitionTime: "2024-04-03T07:00:00Z"
      message: kubelet has no disk pressure
      reason: KubeletHasNoDiskPressure
      status: "False"
      type: DiskPressure
    - lastHeartbeatTime: "2024-05-14T09:59:24Z"
      lastTransitionTime: "2024-04-03T07:00:00Z"
      message: kubelet has sufficient PID available
      reason: KubeletHasSufficientPID
      status: "False"
      type: PIDPressure
    - lastHeartbeatTime: "2024-05-14T09:59:24Z"
      lastTransitionTime: "2024-04-03T07:02:00Z"
      message: kubelet is posting ready status
      reason: KubeletReady
      status: "True"
      type: Ready
    daemonEndpoints:
      kubeletEndpoint:
        Port: 10250
    nodeInfo:
      architecture: amd64
      bootID: 2ab8c668-e960-5a82-a168-3e19799aa132
      containerRuntimeVersion: containerd://1.7.13
      kernelVersion: 5.15.0-105-generic
      kubeProxyVersion: v1.29.4
      kubeletVersion: v1.29.4
      machineID: 899def16fecaeeeea41a890a131db492
      operatingSystem: linux
      osImage: Ubuntu 22.04.4 LTS
      systemUUID: 521f0488-8808-5a4d-a0fb-1122a967e6c8
- apiVersion: v1
  kind: Node
  metadata:
    annotations:
      kubeadm.alpha.kubernetes.io/cri-socket: unix:///var/run/containerd/containerd.sock
      node.alpha.kubernetes.io/ttl: "0"
      volumes.kubernetes.io/controller-managed-attach-detach: "true"
    creationTimestamp: "2024-04-03T07:00:00Z"
    labels:
      beta.kubernetes.io/arch: amd64
      beta.kubernetes.io/os: linux
      kubernetes.io/arch: amd64
      kubernetes.io/hostname: worker-2
      kubernetes.io/os: linux
      topology.kubernetes.io/zone: zone-b
    name: worker-2
    resourceVersion: "48213758"
    uid: f7f285a6-f7f3-5bb3-a857-a908c05fe697
  spec:
    podCIDR: 10.244.2.0/24
    podCIDRs:
    - 10.244.2.0/24
  status:
    addresses:
    - address: 10.0.1.12
      type: InternalIP
    - address: worker-2
      type: Hostname
    allocatable:
      cpu: 3920m
      ephemeral-storage: "93478772736"
      hugepages-1Gi: "0"
      hugepages-2Mi: "0"
      memory: 15214628Ki
      pods: "110"
    capacity:
      cpu: "4"
      ephemeral-storage: 101430960Ki
      hugepages-1Gi: "0"
      hugepages-2Mi: "0"
      memory: 16365604Ki
      pods: "110"
    conditions:
    - lastHeartbeatTime: "2024-05-14T09:59:44Z"
      lastTransitionTime: "2024-04-03T07:00:00Z"
      message: kubelet has sufficient memory available
      reason: KubeletHasSufficientMemory
      status: "False"
      type: MemoryPressure
    - lastHeartbeatTime: "2024-05-14T09:59:44Z"
      lastTransitionTime: "2024-04-03T07:00:00Z"
      message: kubelet has no disk pressure
      reason: KubeletHasNoDiskPressure
      status: "False"
      type: DiskPressure
    - lastHeartbeatTime: "2024-05-14T09:59:44Z"
      lastTransitionTime: "2024-04-03T07:00:00Z"
      message: kubelet has sufficient PID available
      reason: KubeletHasSufficientPID
      status: "False"
      type: PIDPressure
    - lastHeartbeatTime: "2024-05-14T09:59:44Z"
      lastTransitionTime: "2024-04-03T07:02:00Z"
      message: kubelet is posting ready status
      reason: KubeletReady
      status: "True"
      type: Ready
    daemonEndpoints:
      kubeletEndpoint:
        Port: 10250
    nodeInfo:
      architecture: amd64
      bootID: bb2f536e-198d-55dd-a2c0-48c006f3bb90
      containerRuntimeVersion: containerd://1.7.13
      kernelVersion: 5.15.0-105-generic
      kubeProxyVersion: v1.29.4
      kubeletVersion: v1.29.4
      machineID: d569b0e6f8bfd92627216ca69921e7a3
      operatingSystem: linux
      osImage: Ubuntu 22.04.4 LTS
      systemUUID: 626e1d25-9703-508d-bcb8-d04711b1b60b
- apiVersion: v1
  kind: Node
  metadata:
    annotations:
      kubeadm.alpha.kubernetes.io/cri-socket: unix:///var/run/containerd/containerd.sock
      node.alpha.kubernetes.io/ttl: "0"
      volumes.kubernetes.io/controller-managed-attach-detach: "true"
    creationTimestamp: "2024-04-03T07:00:00Z"
    labels:
      beta.kubernetes.io/arch: amd64
      beta.kubernetes.io/os: linux
      kubernetes.io/arch: amd64
      kubernetes.io/hostname: worker-3
      kubernetes.io/os: linux
      topology.kubernetes.io/zone: zone-c
    name: worker-3
    resourceVersion: "48215137"
    uid: 13076ae6-4920-5b4f-a0cf-e952b1266fb9
  spec:
    podCIDR: 10.244.3.0/24
    podCIDRs:
    - 10.244.3.0/24
  status:
    addresses:
    - address: 10.0.1.13
      type: InternalIP
    - address: worker-3
      type: Hostname
    allocatable:
      cpu: 3920m
      ephemeral-storage: "93478772736"
      hugepages-1Gi: "0"
      hugepages-2Mi: "0"
      memory: 15214628Ki
      pods: "110"
    capacity:
      cpu: "4"
      ephemeral-storage: 101430960Ki
      hugepages-1Gi: "0"
      hugepages-2Mi: "0"
      memory: 16365604Ki
      pods: "110"
    conditions:
    - lastHeartbeatTime: "2024-05-14T09:59:16Z"
      lastTransitionTime: "2024-04-03T07:00:00Z"
      message: kubelet has sufficient memory available
      reason: KubeletHasSufficientMemory
      status: "False"
      type: MemoryPressure
    - lastHeartbeatTime: "2024-05-14T09:59:16Z"
      lastTransitionTime: "2024-04-03T07:00:00Z"
      message: kubelet has no disk pressure
      reason: KubeletHasNoDiskPressure
      status: "False"
      type: DiskPressure
    - lastHeartbeatTime: "2024-05-14T09:59:16Z"
      lastTransitionTime: "2024-04-03T07:00:00Z"
      message: kubelet has sufficient PID available
      reason: KubeletHasSufficientPID
      status: "False"
      type: PIDPressure
    - lastHeartbeatTime: "2024-05-14T09:59:16Z"
      lastTransitionTime: "2024-04-03T07:02:00Z"
      message: kubelet is posting ready status
      reason: KubeletReady
      status: "True"
      type: Ready
    daemonEndpoints:
      kubeletEndpoint:
        Port: 10250
    nodeInfo:
      architecture: amd64
      bootID: 7acfb40c-b5c7-5779-bea8-2f6dc6ec453a
      containerRuntimeVersion: containerd://1.7.13
      kernelVersion: 5.15.0-105-generic
      kubeProxyVersion: v1.29.4
      kubeletVersion: v1.29.4
      machineID: deebead8be58d0ba52e02b66429ed035
      operatingSystem: linux
      osImage: Ubuntu 22.04.4 LTS
      systemUUID: 913bd629-5f99-56dc-a9a1-911592d9e22a
kind: List
metadata:
  resourceVersion: ""
"""#
}
