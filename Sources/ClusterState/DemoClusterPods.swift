extension DemoCluster {
    /// `kubectl get pods -A -o yaml`. Requests per node (kube-proxy requests nothing):
    ///
    /// | node     | pods                                                 | cpu   | memory |
    /// | -------- | ---------------------------------------------------- | ----- | ------ |
    /// | worker-1 | coredns 100m/70Mi, storefront 250m/512Mi, search 1400m/8Gi | 1750m | 8774Mi |
    /// | worker-2 | coredns, storefront, cart 200m/256Mi, search         | 1950m | 9030Mi |
    /// | worker-3 | storefront, cart, search                             | 1850m | 8960Mi |
    ///
    /// The cart pods are slow starters: container started 08:00:03, Ready 08:00:48 and
    /// 08:00:49 (45 s and 46 s), with readiness on the named port `http` and no liveness
    /// probe. `DemoProposals.swift` builds on exactly these numbers.
    static let podsYAML = #"""
apiVersion: v1
items:
- apiVersion: v1
  kind: Pod
  metadata:
    creationTimestamp: "2024-04-03T07:01:00Z"
    generateName: kube-proxy-
    labels:
      controller-revision-hash: c6hvpf9h6b
      k8s-app: kube-proxy
      pod-template-generation: "1"
    name: kube-proxy-fcqng
    namespace: kube-system
    ownerReferences:
    - apiVersion: apps/v1
      blockOwnerDeletion: true
      controller: true
      kind: DaemonSet
      name: kube-proxy
      uid: dfdc9b11-42f8-53c2-9e83-093c7fea7cca
    resourceVersion: "48217895"
    uid: 31038cd3-475c-5fa2-9221-44641c169ab3
  spec:
    affinity:
      nodeAffinity:
        requiredDuringSchedulingIgnoredDuringExecution:
          nodeSelectorTerms:
          - matchFields:
            - key: metadata.name
              operator: In
              values:
              - worker-1
    containers:
    - command:
      - /usr/local/bin/kube-proxy
      - --config=/var/lib/kube-proxy/config.conf
      - --hostname-override=$(NODE_NAME)
      env:
      - name: NODE_NAME
        valueFrom:
          fieldRef:
            apiVersion: v1
            fieldPath: spec.nodeName
      image: registry.k8s.io/kube-proxy:v1.29.4
      imagePullPolicy: IfNotPresent
      name: kube-proxy
      resources: {}
      securityContext:
        privileged: true
      terminationMessagePath: /dev/termination-log
      terminationMessagePolicy: File
      volumeMounts:
      - mountPath: /var/lib/kube-proxy
        name: kube-proxy
      - mountPath: /run/xtables.lock
        name: xtables-lock
      - mountPath: /lib/modules
        name: lib-modules
        readOnly: true
      - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
        name: kube-api-access-jv8m5
        readOnly: true
    dnsPolicy: ClusterFirst
    enableServiceLinks: true
    hostNetwork: true
    nodeName: worker-1
    nodeSelector:
      kubernetes.io/os: linux
    preemptionPolicy: PreemptLowerPriority
    priority: 2000001000
    priorityClassName: system-node-critical
    restartPolicy: Always
    schedulerName: default-scheduler
    securityContext: {}
    serviceAccount: kube-proxy
    serviceAccountName: kube-proxy
    terminationGracePeriodSeconds: 30
    tolerations:
    - operator: Exists
    - effect: NoExecute
      key: node.kubernetes.io/not-ready
      operator: Exists
    - effect: NoExecute
      key: node.kubernetes.io/unreachable
      operator: Exists
    - effect: NoSchedule
      key: node.kubernetes.io/disk-pressure
      operator: Exists
    - effect: NoSchedule
      key: node.kubernetes.io/memory-pressure
      operator: Exists
    - effect: NoSchedule
      key: node.kubernetes.io/pid-pressure
      operator: Exists
    - effect: NoSchedule
      key: node.kubernetes.io/unschedulable
      operator: Exists
    - effect: NoSchedule
      key: node.kubernetes.io/network-unavailable
      operator: Exists
    volumes:
    - configMap:
        defaultMode: 420
        name: kube-proxy
      name: kube-proxy
    - hostPath:
        path: /run/xtables.lock
        type: FileOrCreate
      name: xtables-lock
    - hostPath:
        path: /lib/modules
        type: ""
      name: lib-modules
    - name: kube-api-access-jv8m5
      projected:
        defaultMode: 420
        sources:
        - serviceAccountToken:
            expirationSeconds: 3607
            path: token
        - configMap:
            items:
            - key: ca.crt
              path: ca.crt
            name: kube-root-ca.crt
        - downwardAPI:
            items:
            - fieldRef:
                apiVersion: v1
                fieldPath: metadata.namespace
              path: namespace
  status:
    conditions:
    - lastProbeTime: null
      lastTransitionTime: "2024-04-03T07:01:02Z"
      status: "True"
      type: PodReadyToStartContainers
    - lastProbeTime: null
      lastTransitionTime: "2024-04-03T07:01:00Z"
      status: "True"
      type: Initialized
    - lastProbeTime: null
      lastTransitionTime: "2024-04-03T07:01:04Z"
      status: "True"
      type: Ready
    - lastProbeTime: null
      lastTransitionTime: "2024-04-03T07:01:04Z"
      status: "True"
      type: ContainersReady
    - lastProbeTime: null
      lastTransitionTime: "2024-04-03T07:01:00Z"
      status: "True"
      type: PodScheduled
    containerStatuses:
    - containerID: containerd://ea831249eb93b26ea5fcafd47b4cda6e55698e14c9f2c8e9f20134c32ff3ea4b
      image: registry.k8s.io/kube-proxy:v1.29.4
      imageID: registry.k8s.io/kube-proxy@sha256:faa6c95bbecf2d69249e2424154af580d735215f7d139b2c240b30bfb03a458e
      lastState: {}
      name: kube-proxy
      ready: true
      restartCount: 0
      started: true
      state:
        running:
          startedAt: "2024-04-03T07:01:03Z"
    hostIP: 10.0.1.11
    hostIPs:
    - ip: 10.0.1.11
    phase: Running
    podIP: 10.0.1.11
    podIPs:
    - ip: 10.0.1.11
    qosClass: BestEffort
    startTime: "2024-04-03T07:01:00Z"
- apiVersion: v1
  kind: Pod
  metadata:
    creationTimestamp: "2024-04-03T07:01:00Z"
    generateName: kube-proxy-
    labels:
      controller-revision-hash: c6hvpf9h6b
      k8s-app: kube-proxy
      pod-template-generation: "1"
    name: kube-proxy-7r7cl
    namespace: kube-system
    ownerReferences:
    - apiVersion: apps/v1
      blockOwnerDeletion: true
      controller: true
      kind: DaemonSet
      name: kube-proxy
      uid: dfdc9b11-42f8-53c2-9e83-093c7fea7cca
    resourceVersion: "48219274"
    uid: 4b291504-dce3-5cac-9a82-71c415b14fc9
  spec:
    affinity:
      nodeAffinity:
        requiredDuringSchedulingIgnoredDuringExecution:
          nodeSelectorTerms:
          - matchFields:
            - key: metadata.name
              operator: In
              values:
              - worker-2
    containers:
    - command:
      - /usr/local/bin/kube-proxy
      - --config=/var/lib/kube-proxy/config.conf
      - --hostname-override=$(NODE_NAME)
      env:
      - name: NODE_NAME
        valueFrom:
          fieldRef:
            apiVersion: v1
            fieldPath: spec.nodeName
      image: registry.k8s.io/kube-proxy:v1.29.4
      imagePullPolicy: IfNotPresent
      name: kube-proxy
      resources: {}
      securityContext:
        privileged: true
      terminationMessagePath: /dev/termination-log
      terminationMessagePolicy: File
      volumeMounts:
      - mountPath: /var/lib/kube-proxy
        name: kube-proxy
      - mountPath: /run/xtables.lock
        name: xtables-lock
      - mountPath: /lib/modules
        name: lib-modules
        readOnly: true
      - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
        name: kube-api-access-9fm8c
        readOnly: true
    dnsPolicy: ClusterFirst
    enableServiceLinks: true
    hostNetwork: true
    nodeName: worker-2
    nodeSelector:
      kubernetes.io/os: linux
    preemptionPolicy: PreemptLowerPriority
    priority: 2000001000
    priorityClassName: system-node-critical
    restartPolicy: Always
    schedulerName: default-scheduler
    securityContext: {}
    serviceAccount: kube-proxy
    serviceAccountName: kube-proxy
    terminationGracePeriodSeconds: 30
    tolerations:
    - operator: Exists
    - effect: NoExecute
      key: node.kubernetes.io/not-ready
      operator: Exists
    - effect: NoExecute
      key: node.kubernetes.io/unreachable
      operator: Exists
    - effect: NoSchedule
      key: node.kubernetes.io/disk-pressure
      operator: Exists
    - effect: NoSchedule
      key: node.kubernetes.io/memory-pressure
      operator: Exists
    - effect: NoSchedule
      key: node.kubernetes.io/pid-pressure
      operator: Exists
    - effect: NoSchedule
      key: node.kubernetes.io/unschedulable
      operator: Exists
    - effect: NoSchedule
      key: node.kubernetes.io/network-unavailable
      operator: Exists
    volumes:
    - configMap:
        defaultMode: 420
        name: kube-proxy
      name: kube-proxy
    - hostPath:
        path: /run/xtables.lock
        type: FileOrCreate
      name: xtables-lock
    - hostPath:
        path: /lib/modules
        type: ""
      name: lib-modules
    - name: kube-api-access-9fm8c
      projected:
        defaultMode: 420
        sources:
        - serviceAccountToken:
            expirationSeconds: 3607
            path: token
        - configMap:
            items:
            - key: ca.crt
              path: ca.crt
            name: kube-root-ca.crt
        - downwardAPI:
            items:
            - fieldRef:
                apiVersion: v1
                fieldPath: metadata.namespace
              path: namespace
  status:
    conditions:
    - lastProbeTime: null
      lastTransitionTime: "2024-04-03T07:01:02Z"
      status: "True"
      type: PodReadyToStartContainers
    - lastProbeTime: null
      lastTransitionTime: "2024-04-03T07:01:00Z"
      status: "True"
      type: Initialized
    - lastProbeTime: null
      lastTransitionTime: "2024-04-03T07:01:04Z"
      status: "True"
      type: Ready
    - lastProbeTime: null
      lastTransitionTime: "2024-04-03T07:01:04Z"
      status: "True"
      type: ContainersReady
    - lastProbeTime: null
      lastTransitionTime: "2024-04-03T07:01:00Z"
      status: "True"
      type: PodScheduled
    containerStatuses:
    - containerID: containerd://5f6d1bfa97822e6d980fff92a8557b1b45656292362a8c5b0bb47c7773299df2
      image: registry.k8s.io/kube-proxy:v1.29.4
      imageID: registry.k8s.io/kube-proxy@sha256:faa6c95bbecf2d69249e2424154af580d735215f7d139b2c240b30bfb03a458e
      lastState: {}
      name: kube-proxy
      ready: true
      restartCount: 0
      started: true
      state:
        running:
          startedAt: "2024-04-03T07:01:03Z"
    hostIP: 10.0.1.12
    hostIPs:
    - ip: 10.0.1.12
    phase: Running
    podIP: 10.0.1.12
    podIPs:
    - ip: 10.0.1.12
    qosClass: BestEffort
    startTime: "2024-04-03T07:01:00Z"
- apiVersion: v1
  kind: Pod
  metadata:
    creationTimestamp: "2024-04-03T07:01:00Z"
    generateName: kube-proxy-
    labels:
      controller-revision-hash: c6hvpf9h6b
      k8s-app: kube-proxy
      pod-template-generation: "1"
    name: kube-proxy-grxs4
    namespace: kube-system
    ownerReferences:
    - apiVersion: apps/v1
      blockOwnerDeletion: true
      controller: true
      kind: DaemonSet
      name: kube-proxy
      uid: dfdc9b11-42f8-53c2-9e83-093c7fea7cca
    resourceVersion: "48220653"
    uid: 8dd04096-07a1-5bfa-9284-dc67a9b6085a
  spec:
    affinity:
      nodeAffinity:
        requiredDuringSchedulingIgnoredDuringExecution:
          nodeSelectorTerms:
          - matchFields:
            - key: metadata.name
              operator: In
              values:
              - worker-3
    containers:
    - command:
      - /usr/local/bin/kube-proxy
      - --config=/var/lib/kube-proxy/config.conf
      - --hostname-override=$(NODE_NAME)
      env:
      - name: NODE_NAME
        valueFrom:
          fieldRef:
            apiVersion: v1
            fieldPath: spec.nodeName
      image: registry.k8s.io/kube-proxy:v1.29.4
      imagePullPolicy: IfNotPresent
      name: kube-proxy
      resources: {}
      securityContext:
        privileged: true
      terminationMessagePath: /dev/termination-log
      terminationMessagePolicy: File
      volumeMounts:
      - mountPath: /var/lib/kube-proxy
        name: kube-proxy
      - mountPath: /run/xtables.lock
        name: xtables-lock
      - mountPath: /lib/modules
        name: lib-modules
        readOnly: true
      - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
        name: kube-api-access-26g4f
        readOnly: true
    dnsPolicy: ClusterFirst
    enableServiceLinks: true
    hostNetwork: true
    nodeName: worker-3
    nodeSelector:
      kubernetes.io/os: linux
    preemptionPolicy: PreemptLowerPriority
    priority: 2000001000
    priorityClassName: system-node-critical
    restartPolicy: Always
    schedulerName: default-scheduler
    securityContext: {}
    serviceAccount: kube-proxy
    serviceAccountName: kube-proxy
    terminationGracePeriodSeconds: 30
    tolerations:
    - operator: Exists
    - effect: NoExecute
      key: node.kubernetes.io/not-ready
      operator: Exists
    - effect: NoExecute
      key: node.kubernetes.io/unreachable
      operator: Exists
    - effect: NoSchedule
      key: node.kubernetes.io/disk-pressure
      operator: Exists
    - effect: NoSchedule
      key: node.kubernetes.io/memory-pressure
      operator: Exists
    - effect: NoSchedule
      key: node.kubernetes.io/pid-pressure
      operator: Exists
    - effect: NoSchedule
      key: node.kubernetes.io/unschedulable
      operator: Exists
    - effect: NoSchedule
      key: node.kubernetes.io/network-unavailable
      operator: Exists
    volumes:
    - configMap:
        defaultMode: 420
        name: kube-proxy
      name: kube-proxy
    - hostPath:
        path: /run/xtables.lock
        type: FileOrCreate
      name: xtables-lock
    - hostPath:
        path: /lib/modules
        type: ""
      name: lib-modules
    - name: kube-api-access-26g4f
      projected:
        defaultMode: 420
        sources:
        - serviceAccountToken:
            expirationSeconds: 3607
            path: token
        - configMap:
            items:
            - key: ca.crt
              path: ca.crt
            name: kube-root-ca.crt
        - downwardAPI:
            items:
            - fieldRef:
                apiVersion: v1
                fieldPath: metadata.namespace
              path: namespace
  status:
    conditions:
    - lastProbeTime: null
      lastTransitionTime: "2024-04-03T07:01:02Z"
      status: "True"
      type: PodReadyToStartContainers
    - lastProbeTime: null
      lastTransitionTime: "2024-04-03T07:01:00Z"
      status: "True"
      type: Initialized
    - lastProbeTime: null
      lastTransitionTime: "2024-04-03T07:01:04Z"
      status: "True"
      type: Ready
    - lastProbeTime: null
      lastTransitionTime: "2024-04-03T07:01:04Z"
      status: "True"
      type: ContainersReady
    - lastProbeTime: null
      lastTransitionTime: "2024-04-03T07:01:00Z"
      status: "True"
      type: PodScheduled
    containerStatuses:
    - containerID: containerd://8a517f663efc9b885a4d00b9a106b284ef87472823a9bc57bd81f6bcf4afb591
      image: registry.k8s.io/kube-proxy:v1.29.4
      imageID: registry.k8s.io/kube-proxy@sha256:faa6c95bbecf2d69249e2424154af580d735215f7d139b2c240b30bfb03a458e
      lastState: {}
      name: kube-proxy
      ready: true
      restartCount: 0
      started: true
      state:
        running:
          startedAt: "2024-04-03T07:01:03Z"
    hostIP: 10.0.1.13
    hostIPs:
    - ip: 10.0.1.13
    phase: Running
    podIP: 10.0.1.13
    podIPs:
    - ip: 10.0.1.13
    qosClass: BestEffort
    startTime: "2024-04-03T07:01:00Z"
- apiVersion: v1
  kind: Pod
  metadata:
    creationTimestamp: "2024-04-03T07:03:00Z"
    generateName: coredns-vf9nfvjpm2-
    labels:
      k8s-app: kube-dns
      pod-template-hash: vf9nfvjpm2
    name: coredns-vf9nfvjpm2-bgjkt
    namespace: kube-system
    ownerReferences:
    - apiVersion: apps/v1
      blockOwnerDeletion: true
      controller: true
      kind: ReplicaSet
      name: coredns-vf9nfvjpm2
      uid: cc6f96ae-5bc8-5429-b09d-4419c4bf2137
    resourceVersion: "48224790"
    uid: e581204b-4fe4-5fc2-a89c-a15ded4fd074
  spec:
    containers:
    - args:
      - -conf
      - /etc/coredns/Corefile
      image: registry.k8s.io/coredns/coredns:v1.11.1
      imagePullPolicy: IfNotPresent
      livenessProbe:
        failureThreshold: 5
        httpGet:
          path: /health
          port: 8080
          scheme: HTTP
        initialDelaySeconds: 60
        periodSeconds: 10
        successThreshold: 1
        timeoutSeconds: 5
      name: coredns
      ports:
      - containerPort: 53
        name: dns
        protocol: UDP
      - containerPort: 53
        name: dns-tcp
        protocol: TCP
      - containerPort: 9153
        name: metrics
        protocol: TCP
      readinessProbe:
        failureThreshold: 3
        httpGet:
          path: /ready
          port: 8181
          scheme: HTTP
        periodSeconds: 10
        successThreshold: 1
        timeoutSeconds: 1
      resources:
        limits:
          memory: 170Mi
        requests:
          cpu: 100m
          memory: 70Mi
      securityContext:
        allowPrivilegeEscalation: false
        capabilities:
          add:
          - NET_BIND_SERVICE
          drop:
          - ALL
        readOnlyRootFilesystem: true
      terminationMessagePath: /dev/termination-log
      terminationMessagePolicy: File
      volumeMounts:
      - mountPath: /etc/coredns
        name: config-volume
        readOnly: true
      - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
        name: kube-api-access-xz6rx
        readOnly: true
    dnsPolicy: Default
    enableServiceLinks: true
    nodeName: worker-1
    nodeSelector:
      kubernetes.io/os: linux
    preemptionPolicy: PreemptLowerPriority
    priority: 2000000000
    priorityClassName: system-cluster-critical
    restartPolicy: Always
    schedulerName: default-scheduler
    securityContext: {}
    serviceAccount: coredns
    serviceAccountName: coredns
    terminationGracePeriodSeconds: 30
    tolerations:
    - key: CriticalAddonsOnly
      operator: Exists
    - effect: NoSchedule
      key: node-role.kubernetes.io/control-plane
    - effect: NoExecute
      key: node.kubernetes.io/not-ready
      operator: Exists
      tolerationSeconds: 300
    - effect: NoExecute
      key: node.kubernetes.io/unreachable
      operator: Exists
      tolerationSeconds: 300
    volumes:
    - configMap:
        defaultMode: 420
        items:
        - key: Corefile
          path: Corefile
        name: coredns
      name: config-volume
    - name: kube-api-access-xz6rx
      projected:
        defaultMode: 420
        sources:
        - serviceAccountToken:
            expirationSeconds: 3607
            path: token
        - configMap:
            items:
            - key: ca.crt
              path: ca.crt
            name: kube-root-ca.crt
        - downwardAPI:
            items:
            - fieldRef:
                apiVersion: v1
                fieldPath: metadata.namespace
              path: namespace
  status:
    conditions:
    - lastProbeTime: null
      lastTransitionTime: "2024-04-03T07:03:02Z"
      status: "True"
      type: PodReadyToStartContainers
    - lastProbeTime: null
      lastTransitionTime: "2024-04-03T07:03:00Z"
      status: "True"
      type: Initialized
    - lastProbeTime: null
      lastTransitionTime: "2024-04-03T07:03:05Z"
      status: "True"
      type: Ready
    - lastProbeTime: null
      lastTransitionTime: "2024-04-03T07:03:05Z"
      status: "True"
      type: ContainersReady
    - lastProbeTime: null
      lastTransitionTime: "2024-04-03T07:03:00Z"
      status: "True"
      type: PodScheduled
    containerStatuses:
    - containerID: containerd://2b709fa6f2389e1ab335066e7abdec80d06772bcce87b25d8b214c64d028ae2a
      image: registry.k8s.io/coredns/coredns:v1.11.1
      imageID: registry.k8s.io/coredns/coredns@sha256:75f4a8280de1ef5edb949805fabaa527953b6fa8c6099c1477a8b014a4cdeb05
      lastState: {}
      name: coredns
      ready: true
      restartCount: 0
      started: true
      state:
        running:
          startedAt: "2024-04-03T07:03:03Z"
    hostIP: 10.0.1.11
    hostIPs:
    - ip: 10.0.1.11
    phase: Running
    podIP: 10.244.1.17
    podIPs:
    - ip: 10.244.1.17
    qosClass: Burstable
    startTime: "2024-04-03T07:03:00Z"
- apiVersion: v1
  kind: Pod
  metadata:
    creationTimestamp: "2024-04-03T07:03:00Z"
    generateName: coredns-vf9nfvjpm2-
    labels:
      k8s-app: kube-dns
      pod-template-hash: vf9nfvjpm2
    name: coredns-vf9nfvjpm2-zlbtm
    namespace: kube-system
    ownerReferences:
    - apiVersion: apps/v1
      blockOwnerDeletion: true
      controller: true
      kind: ReplicaSet
      name: coredns-vf9nfvjpm2
      uid: cc6f96ae-5bc8-5429-b09d-4419c4bf2137
    resourceVersion: "48226169"
    uid: 51776863-566c-5cc8-9c08-159c1679cf15
  spec:
    containers:
    - args:
      - -conf
      - /etc/coredns/Corefile
      image: registry.k8s.io/coredns/coredns:v1.11.1
      imagePullPolicy: IfNotPresent
      livenessProbe:
        failureThreshold: 5
        httpGet:
          path: /health
          port: 8080
          scheme: HTTP
        initialDelaySeconds: 60
        periodSeconds: 10
        successThreshold: 1
        timeoutSeconds: 5
      name: coredns
      ports:
      - containerPort: 53
        name: dns
        protocol: UDP
      - containerPort: 53
        name: dns-tcp
        protocol: TCP
      - containerPort: 9153
        name: metrics
        protocol: TCP
      readinessProbe:
        failureThreshold: 3
        httpGet:
          path: /ready
          port: 8181
          scheme: HTTP
        periodSeconds: 10
        successThreshold: 1
        timeoutSeconds: 1
      resources:
        limits:
          memory: 170Mi
        requests:
          cpu: 100m
          memory: 70Mi
      securityContext:
        allowPrivilegeEscalation: false
        capabilities:
          add:
          - NET_BIND_SERVICE
          drop:
          - ALL
        readOnlyRootFilesystem: true
      terminationMessagePath: /dev/termination-log
      terminationMessagePolicy: File
      volumeMounts:
      - mountPath: /etc/coredns
        name: config-volume
        readOnly: true
      - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
        name: kube-api-access-vlcr7
        readOnly: true
    dnsPolicy: Default
    enableServiceLinks: true
    nodeName: worker-2
    nodeSelector:
      kubernetes.io/os: linux
    preemptionPolicy: PreemptLowerPriority
    priority: 2000000000
    priorityClassName: system-cluster-critical
    restartPolicy: Always
    schedulerName: default-scheduler
    securityContext: {}
    serviceAccount: coredns
    serviceAccountName: coredns
    terminationGracePeriodSeconds: 30
    tolerations:
    - key: CriticalAddonsOnly
      operator: Exists
    - effect: NoSchedule
      key: node-role.kubernetes.io/control-plane
    - effect: NoExecute
      key: node.kubernetes.io/not-ready
      operator: Exists
      tolerationSeconds: 300
    - effect: NoExecute
      key: node.kubernetes.io/unreachable
      operator: Exists
      tolerationSeconds: 300
    volumes:
    - configMap:
        defaultMode: 420
        items:
        - key: Corefile
          path: Corefile
        name: coredns
      name: config-volume
    - name: kube-api-access-vlcr7
      projected:
        defaultMode: 420
        sources:
        - serviceAccountToken:
            expirationSeconds: 3607
            path: token
        - configMap:
            items:
            - key: ca.crt
              path: ca.crt
            name: kube-root-ca.crt
        - downwardAPI:
            items:
            - fieldRef:
                apiVersion: v1
                fieldPath: metadata.namespace
              path: namespace
  status:
    conditions:
    - lastProbeTime: null
      lastTransitionTime: "2024-04-03T07:03:02Z"
      status: "True"
      type: PodReadyToStartContainers
    - lastProbeTime: null
      lastTransitionTime: "2024-04-03T07:03:00Z"
      status: "True"
      type: Initialized
    - lastProbeTime: null
      lastTransitionTime: "2024-04-03T07:03:05Z"
      status: "True"
      type: Ready
    - lastProbeTime: null
      lastTransitionTime: "2024-04-03T07:03:05Z"
      status: "True"
      type: ContainersReady
    - lastProbeTime: null
      lastTransitionTime: "2024-04-03T07:03:00Z"
      status: "True"
      type: PodScheduled
    containerStatuses:
    - containerID: containerd://031ce599c8e05b770fef3b12a2af0bc329fe20370367d6e75664488d4df4fdd6
      image: registry.k8s.io/coredns/coredns:v1.11.1
      imageID: registry.k8s.io/coredns/coredns@sha256:75f4a8280de1ef5edb949805fabaa527953b6fa8c6099c1477a8b014a4cdeb05
      lastState: {}
      name: coredns
      ready: true
      restartCount: 0
      started: true
      state:
        running:
          startedAt: "2024-04-03T07:03:03Z"
    hostIP: 10.0.1.12
    hostIPs:
    - ip: 10.0.1.12
    phase: Running
    podIP: 10.244.2.17
    podIPs:
    - ip: 10.244.2.17
    qosClass: Burstable
    startTime: "2024-04-03T07:03:00Z"
- apiVersion: v1
  kind: Pod
  metadata:
    creationTimestamp: "2024-05-02T05:00:00Z"
    generateName: storefront-9k6kqmqq8v-
    labels:
      app: storefront
      pod-template-hash: 9k6kqmqq8v
    name: storefront-9k6kqmqq8v-8kztt
    namespace: shop
    ownerReferences:
    - apiVersion: apps/v1
      blockOwnerDeletion: true
      controller: true
      kind: ReplicaSet
      name: storefront-9k6kqmqq8v
      uid: 3cffd5e7-a82b-5ada-9728-26d2a20b7bb9
    resourceVersion: "48230306"
    uid: fe69bc5f-c28f-5328-baa9-1ce090d4f1e6
  spec:
    containers:
    - image: registry.example.com/shop/storefront:3.8.2
      imagePullPolicy: IfNotPresent
      livenessProbe:
        failureThreshold: 3
        httpGet:
          path: /healthz/live
          port: http
          scheme: HTTP
        initialDelaySeconds: 15
        periodSeconds: 10
        successThreshold: 1
        timeoutSeconds: 1
      name: storefront
      ports:
      - containerPort: 8080
        name: http
        protocol: TCP
      readinessProbe:
        failureThreshold: 3
        httpGet:
          path: /healthz/ready
          port: http
          scheme: HTTP
        initialDelaySeconds: 5
        periodSeconds: 5
        successThreshold: 1
        timeoutSeconds: 1
      resources:
        limits:
          memory: 1Gi
        requests:
          cpu: 250m
          memory: 512Mi
      terminationMessagePath: /dev/termination-log
      terminationMessagePolicy: File
      volumeMounts:
      - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
        name: kube-api-access-mdwm6
        readOnly: true
    dnsPolicy: ClusterFirst
    enableServiceLinks: true
    nodeName: worker-1
    preemptionPolicy: PreemptLowerPriority
    priority: 0
    restartPolicy: Always
    schedulerName: default-scheduler
    securityContext: {}
    serviceAccount: default
    serviceAccountName: default
    terminationGracePeriodSeconds: 30
    tolerations:
    - effect: NoExecute
      key: node.kubernetes.io/not-ready
      operator: Exists
      tolerationSeconds: 300
    - effect: NoExecute
      key: node.kubernetes.io/unreachable
      operator: Exists
      tolerationSeconds: 300
    volumes:
    - name: kube-api-access-mdwm6
      projected:
        defaultMode: 420
        sources:
        - serviceAccountToken:
            expirationSeconds: 3607
            path: token
        - configMap:
            items:
            - key: ca.crt
              path: ca.crt
            name: kube-root-ca.crt
        - downwardAPI:
            items:
            - fieldRef:
                apiVersion: v1
                fieldPath: metadata.namespace
              path: namespace
  status:
    conditions:
    - lastProbeTime: null
      lastTransitionTime: "2024-05-02T05:00:02Z"
      status: "True"
      type: PodReadyToStartContainers
    - lastProbeTime: null
      lastTransitionTime: "2024-05-02T05:00:00Z"
      status: "True"
      type: Initialized
    - lastProbeTime: null
      lastTransitionTime: "2024-05-02T05:00:12Z"
      status: "True"
      type: Ready
    - lastProbeTime: null
      lastTransitionTime: "2024-05-02T05:00:12Z"
      status: "True"
      type: ContainersReady
    - lastProbeTime: null
      lastTransitionTime: "2024-05-02T05:00:00Z"
      status: "True"
      type: PodScheduled
    containerStatuses:
    - containerID: containerd://2f86659c605f6ab960bc1236786f51e564a31e8531dbad4d7f0398eeb2352b20
      image: registry.example.com/shop/storefront:3.8.2
      imageID: registry.example.com/shop/storefront@sha256:b5552a527a328c7e965b3cfcce7cd0e850116f939f5e03d6b786460e208a4f45
      lastState: {}
      name: storefront
      ready: true
      restartCount: 0
      started: true
      state:
        running:
          startedAt: "2024-05-02T05:00:03Z"
    hostIP: 10.0.1.11
    hostIPs:
    - ip: 10.0.1.11
    phase: Running
    podIP: 10.244.1.24
    podIPs:
    - ip: 10.244.1.24
    qosClass: Burstable
    startTime: "2024-05-02T05:00:00Z"
- apiVersion: v1
  kind: Pod
  metadata:
    creationTimestamp: "2024-05-02T05:00:00Z"
    generateName: storefront-9k6kqmqq8v-
    labels:
      app: storefront
      pod-template-hash: 9k6kqmqq8v
    name: storefront-9k6kqmqq8v-5j8zl
    namespace: shop
    ownerReferences:
    - apiVersion: apps/v1
      blockOwnerDeletion: true
      controller: true
      kind: ReplicaSet
      name: storefront-9k6kqmqq8v
      uid: 3cffd5e7-a82b-5ada-9728-26d2a20b7bb9
    resourceVersion: "48231685"
    uid: 6641918f-1cd9-5d49-859d-6a41e1e1a6ac
  spec:
    containers:
    - image: registry.example.com/shop/storefront:3.8.2
      imagePullPolicy: IfNotPresent
      livenessProbe:
        failureThreshold: 3
        httpGet:
          path: /healthz/live
          port: http
          scheme: HTTP
        initialDelaySeconds: 15
        periodSeconds: 10
        successThreshold: 1
        timeoutSeconds: 1
      name: storefront
      ports:
      - containerPort: 8080
        name: http
        protocol: TCP
      readinessProbe:
        failureThreshold: 3
        httpGet:
          path: /healthz/ready
          port: http
          scheme: HTTP
        initialDelaySeconds: 5
        periodSeconds: 5
        successThreshold: 1
        timeoutSeconds: 1
      resources:
        limits:
          memory: 1Gi
        requests:
          cpu: 250m
          memory: 512Mi
      terminationMessagePath: /dev/termination-log
      terminationMessagePolicy: File
      volumeMounts:
      - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
        name: kube-api-access-zjb9d
        readOnly: true
    dnsPolicy: ClusterFirst
    enableServiceLinks: true
    nodeName: worker-2
    preemptionPolicy: PreemptLowerPriority
    priority: 0
    restartPolicy: Always
    schedulerName: default-scheduler
    securityContext: {}
    serviceAccount: default
    serviceAccountName: default
    terminationGracePeriodSeconds: 30
    tolerations:
    - effect: NoExecute
      key: node.kubernetes.io/not-ready
      operator: Exists
      tolerationSeconds: 300
    - effect: NoExecute
      key: node.kubernetes.io/unreachable
      operator: Exists
      tolerationSeconds: 300
    volumes:
    - name: kube-api-access-zjb9d
      projected:
        defaultMode: 420
        sources:
        - serviceAccountToken:
            expirationSeconds: 3607
            path: token
        - configMap:
            items:
            - key: ca.crt
              path: ca.crt
            name: kube-root-ca.crt
        - downwardAPI:
            items:
            - fieldRef:
                apiVersion: v1
                fieldPath: metadata.namespace
              path: namespace
  status:
    conditions:
    - lastProbeTime: null
      lastTransitionTime: "2024-05-02T05:00:02Z"
      status: "True"
      type: PodReadyToStartContainers
    - lastProbeTime: null
      lastTransitionTime: "2024-05-02T05:00:00Z"
      status: "True"
      type: Initialized
    - lastProbeTime: null
      lastTransitionTime: "2024-05-02T05:00:12Z"
      status: "True"
      type: Ready
    - lastProbeTime: null
      lastTransitionTime: "2024-05-02T05:00:12Z"
      status: "True"
      type: ContainersReady
    - lastProbeTime: null
      lastTransitionTime: "2024-05-02T05:00:00Z"
      status: "True"
      type: PodScheduled
    containerStatuses:
    - containerID: containerd://f089ece108ce71e51ce1f1f741064a64c3ad7113a06484fb2fd0e604b15b38a0
      image: registry.example.com/shop/storefront:3.8.2
      imageID: registry.example.com/shop/storefront@sha256:b5552a527a328c7e965b3cfcce7cd0e850116f939f5e03d6b786460e208a4f45
      lastState: {}
      name: storefront
      ready: true
      restartCount: 0
      started: true
      state:
        running:
          startedAt: "2024-05-02T05:00:03Z"
    hostIP: 10.0.1.12
    hostIPs:
    - ip: 10.0.1.12
    phase: Running
    podIP: 10.244.2.24
    podIPs:
    - ip: 10.244.2.24
    qosClass: Burstable
    startTime: "2024-05-02T05:00:00Z"
- apiVersion: v1
  kind: Pod
  metadata:
    creationTimestamp: "2024-05-02T05:00:00Z"
    generateName: storefront-9k6kqmqq8v-
    labels:
      app: storefront
      pod-template-hash: 9k6kqmqq8v
    name: storefront-9k6kqmqq8v-lqhjp
    namespace: shop
    ownerReferences:
    - apiVersion: apps/v1
      blockOwnerDeletion: true
      controller: true
      kind: ReplicaSet
      name: storefront-9k6kqmqq8v
      uid: 3cffd5e7-a82b-5ada-9728-26d2a20b7bb9
    resourceVersion: "48233064"
    uid: e01ef264-c974-5c9e-85a5-7aabc929a5ec
  spec:
    containers:
    - image: registry.example.com/shop/storefront:3.8.2
      imagePullPolicy: IfNotPresent
      livenessProbe:
        failureThreshold: 3
        httpGet:
          path: /healthz/live
          port: http
          scheme: HTTP
        initialDelaySeconds: 15
        periodSeconds: 10
        successThreshold: 1
        timeoutSeconds: 1
      name: storefront
      ports:
      - containerPort: 8080
        name: http
        protocol: TCP
      readinessProbe:
        failureThreshold: 3
        httpGet:
          path: /healthz/ready
          port: http
          scheme: HTTP
        initialDelaySeconds: 5
        periodSeconds: 5
        successThreshold: 1
        timeoutSeconds: 1
      resources:
        limits:
          memory: 1Gi
        requests:
          cpu: 250m
          memory: 512Mi
      terminationMessagePath: /dev/termination-log
      terminationMessagePolicy: File
      volumeMounts:
      - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
        name: kube-api-access-l7p4q
        readOnly: true
    dnsPolicy: ClusterFirst
    enableServiceLinks: true
    nodeName: worker-3
    preemptionPolicy: PreemptLowerPriority
    priority: 0
    restartPolicy: Always
    schedulerName: default-scheduler
    securityContext: {}
    serviceAccount: default
    serviceAccountName: default
    terminationGracePeriodSeconds: 30
    tolerations:
    - effect: NoExecute
      key: node.kubernetes.io/not-ready
      operator: Exists
      tolerationSeconds: 300
    - effect: NoExecute
      key: node.kubernetes.io/unreachable
      operator: Exists
      tolerationSeconds: 300
    volumes:
    - name: kube-api-access-l7p4q
      projected:
        defaultMode: 420
        sources:
        - serviceAccountToken:
            expirationSeconds: 3607
            path: token
        - configMap:
            items:
            - key: ca.crt
              path: ca.crt
            name: kube-root-ca.crt
        - downwardAPI:
            items:
            - fieldRef:
                apiVersion: v1
                fieldPath: metadata.namespace
              path: namespace
  status:
    conditions:
    - lastProbeTime: null
      lastTransitionTime: "2024-05-02T05:00:02Z"
      status: "True"
      type: PodReadyToStartContainers
    - lastProbeTime: null
      lastTransitionTime: "2024-05-02T05:00:00Z"
      status: "True"
      type: Initialized
    - lastProbeTime: null
      lastTransitionTime: "2024-05-02T05:00:12Z"
      status: "True"
      type: Ready
    - lastProbeTime: null
      lastTransitionTime: "2024-05-02T05:00:12Z"
      status: "True"
      type: ContainersReady
    - lastProbeTime: null
      lastTransitionTime: "2024-05-02T05:00:00Z"
      status: "True"
      type: PodScheduled
    containerStatuses:
    - containerID: containerd://b0b625e45265cf826c97b71723b010da6a7a3c140d3f089f00ccc35a3b3b707a
      image: registry.example.com/shop/storefront:3.8.2
      imageID: registry.example.com/shop/storefront@sha256:b5552a527a328c7e965b3cfcce7cd0e850116f939f5e03d6b786460e208a4f45
      lastState: {}
      name: storefront
      ready: true
      restartCount: 0
      started: true
      state:
        running:
          startedAt: "2024-05-02T05:00:03Z"
    hostIP: 10.0.1.13
    hostIPs:
    - ip: 10.0.1.13
    phase: Running
    podIP: 10.244.3.17
    podIPs:
    - ip: 10.244.3.17
    qosClass: Burstable
    startTime: "2024-05-02T05:00:00Z"
- apiVersion: v1
  kind: Pod
  metadata:
    creationTimestamp: "2024-05-08T08:00:00Z"
    generateName: cart-g4w9ts5l7w-
    labels:
      app: cart
      pod-template-hash: g4w9ts5l7w
    name: cart-g4w9ts5l7w-l2h85
    namespace: shop
    ownerReferences:
    - apiVersion: apps/v1
      blockOwnerDeletion: true
      controller: true
      kind: ReplicaSet
      name: cart-g4w9ts5l7w
      uid: 9013e84d-c1ef-55b4-a3dd-a4371b02523f
    resourceVersion: "48237201"
    uid: 28c0a957-9584-5a53-8c35-0346e7c55213
  spec:
    containers:
    - image: registry.example.com/shop/cart:1.21.0
      imagePullPolicy: IfNotPresent
      name: cart
      ports:
      - containerPort: 8080
        name: http
        protocol: TCP
      readinessProbe:
        failureThreshold: 3
        httpGet:
          path: /healthz/ready
          port: http
          scheme: HTTP
        initialDelaySeconds: 10
        periodSeconds: 5
        successThreshold: 1
        timeoutSeconds: 1
      resources:
        limits:
          memory: 512Mi
        requests:
          cpu: 200m
          memory: 256Mi
      terminationMessagePath: /dev/termination-log
      terminationMessagePolicy: File
      volumeMounts:
      - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
        name: kube-api-access-j2pn2
        readOnly: true
    dnsPolicy: ClusterFirst
    enableServiceLinks: true
    nodeName: worker-2
    preemptionPolicy: PreemptLowerPriority
    priority: 0
    restartPolicy: Always
    schedulerName: default-scheduler
    securityContext: {}
    serviceAccount: default
    serviceAccountName: default
    terminationGracePeriodSeconds: 30
    tolerations:
    - effect: NoExecute
      key: node.kubernetes.io/not-ready
      operator: Exists
      tolerationSeconds: 300
    - effect: NoExecute
      key: node.kubernetes.io/unreachable
      operator: Exists
      tolerationSeconds: 300
    volumes:
    - name: kube-api-access-j2pn2
      projected:
        defaultMode: 420
        sources:
        - serviceAccountToken:
            expirationSeconds: 3607
            path: token
        - configMap:
            items:
            - key: ca.crt
              path: ca.crt
            name: kube-root-ca.crt
        - downwardAPI:
            items:
            - fieldRef:
                apiVersion: v1
                fieldPath: metadata.namespace
              path: namespace
  status:
    conditions:
    - lastProbeTime: null
      lastTransitionTime: "2024-05-08T08:00:02Z"
      status: "True"
      type: PodReadyToStartContainers
    - lastProbeTime: null
      lastTransitionTime: "2024-05-08T08:00:00Z"
      status: "True"
      type: Initialized
    - lastProbeTime: null
      lastTransitionTime: "2024-05-08T08:00:48Z"
      status: "True"
      type: Ready
    - lastProbeTime: null
      lastTransitionTime: "2024-05-08T08:00:48Z"
      status: "True"
      type: ContainersReady
    - lastProbeTime: null
      lastTransitionTime: "2024-05-08T08:00:00Z"
      status: "True"
      type: PodScheduled
    containerStatuses:
    - containerID: containerd://1c153411a0066ee6085b1756a68ae93262f0c458e94ed6da90340505c99c3884
      image: registry.example.com/shop/cart:1.21.0
      imageID: registry.example.com/shop/cart@sha256:a9b6b21cf38ccb9eec2b5f57c46d9f374fdac17f58f6b13c6815d59b6f3e562a
      lastState: {}
      name: cart
      ready: true
      restartCount: 0
      started: true
      state:
        running:
          startedAt: "2024-05-08T08:00:03Z"
    hostIP: 10.0.1.12
    hostIPs:
    - ip: 10.0.1.12
    phase: Running
    podIP: 10.244.2.31
    podIPs:
    - ip: 10.244.2.31
    qosClass: Burstable
    startTime: "2024-05-08T08:00:00Z"
- apiVersion: v1
  kind: Pod
  metadata:
    creationTimestamp: "2024-05-08T08:00:00Z"
    generateName: cart-g4w9ts5l7w-
    labels:
      app: cart
      pod-template-hash: g4w9ts5l7w
    name: cart-g4w9ts5l7w-x7mms
    namespace: shop
    ownerReferences:
    - apiVersion: apps/v1
      blockOwnerDeletion: true
      controller: true
      kind: ReplicaSet
      name: cart-g4w9ts5l7w
      uid: 9013e84d-c1ef-55b4-a3dd-a4371b02523f
    resourceVersion: "48238580"
    uid: b6c5b212-8696-57a7-8135-50468bb44c12
  spec:
    containers:
    - image: registry.example.com/shop/cart:1.21.0
      imagePullPolicy: IfNotPresent
      name: cart
      ports:
      - containerPort: 8080
        name: http
        protocol: TCP
      readinessProbe:
        failureThreshold: 3
        httpGet:
          path: /healthz/ready
          port: http
          scheme: HTTP
        initialDelaySeconds: 10
        periodSeconds: 5
        successThreshold: 1
        timeoutSeconds: 1
      resources:
        limits:
          memory: 512Mi
        requests:
          cpu: 200m
          memory: 256Mi
      terminationMessagePath: /dev/termination-log
      terminationMessagePolicy: File
      volumeMounts:
      - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
        name: kube-api-access-7nlxc
        readOnly: true
    dnsPolicy: ClusterFirst
    enableServiceLinks: true
    nodeName: worker-3
    preemptionPolicy: PreemptLowerPriority
    priority: 0
    restartPolicy: Always
    schedulerName: default-scheduler
    securityContext: {}
    serviceAccount: default
    serviceAccountName: default
    terminationGracePeriodSeconds: 30
    tolerations:
    - effect: NoExecute
      key: node.kubernetes.io/not-ready
      operator: Exists
      tolerationSeconds: 300
    - effect: NoExecute
      key: node.kubernetes.io/unreachable
      operator: Exists
      tolerationSeconds: 300
    volumes:
    - name: kube-api-access-7nlxc
      projected:
        defaultMode: 420
        sources:
        - serviceAccountToken:
            expirationSeconds: 3607
            path: token
        - configMap:
            items:
            - key: ca.crt
              path: ca.crt
            name: kube-root-ca.crt
        - downwardAPI:
            items:
            - fieldRef:
                apiVersion: v1
                fieldPath: metadata.namespace
              path: namespace
  status:
    conditions:
    - lastProbeTime: null
      lastTransitionTime: "2024-05-08T08:00:02Z"
      status: "True"
      type: PodReadyToStartContainers
    - lastProbeTime: null
      lastTransitionTime: "2024-05-08T08:00:00Z"
      status: "True"
      type: Initialized
    - lastProbeTime: null
      lastTransitionTime: "2024-05-08T08:00:49Z"
      status: "True"
      type: Ready
    - lastProbeTime: null
      lastTransitionTime: "2024-05-08T08:00:49Z"
      status: "True"
      type: ContainersReady
    - lastProbeTime: null
      lastTransitionTime: "2024-05-08T08:00:00Z"
      status: "True"
      type: PodScheduled
    containerStatuses:
    - containerID: containerd://56bfc3422c3df6d35a21053e5f20a075aba323c72d81b88d5c5b61d4fac2230e
      image: registry.example.com/shop/cart:1.21.0
      imageID: registry.example.com/shop/cart@sha256:a9b6b21cf38ccb9eec2b5f57c46d9f374fdac17f58f6b13c6815d59b6f3e562a
      lastState: {}
      name: cart
      ready: true
      restartCount: 0
      started: true
      state:
        running:
          startedAt: "2024-05-08T08:00:03Z"
    hostIP: 10.0.1.13
    hostIPs:
    - ip: 10.0.1.13
    phase: Running
    podIP: 10.244.3.24
    podIPs:
    - ip: 10.244.3.24
    qosClass: Burstable
    startTime: "2024-05-08T08:00:00Z"
- apiVersion: v1
  kind: Pod
  metadata:
    creationTimestamp: "2024-05-05T09:00:00Z"
    generateName: search-m5bq7x8d2c-
    labels:
      app: search
      pod-template-hash: m5bq7x8d2c
    name: search-m5bq7x8d2c-h2x9v
    namespace: shop
    ownerReferences:
    - apiVersion: apps/v1
      blockOwnerDeletion: true
      controller: true
      kind: ReplicaSet
      name: search-m5bq7x8d2c
      uid: 5bb8de36-b724-5cf0-ba3c-a62d03b238ce
    resourceVersion: "48233419"
    uid: 131e6e59-1aa2-5370-9d1d-2f0e303d9e5b
  spec:
    containers:
    - image: registry.example.com/shop/search:5.4.0
      imagePullPolicy: IfNotPresent
      livenessProbe:
        failureThreshold: 3
        httpGet:
          path: /healthz/live
          port: http
          scheme: HTTP
        initialDelaySeconds: 15
        periodSeconds: 10
        successThreshold: 1
        timeoutSeconds: 1
      name: search
      ports:
      - containerPort: 8080
        name: http
        protocol: TCP
      readinessProbe:
        failureThreshold: 3
        httpGet:
          path: /healthz/ready
          port: http
          scheme: HTTP
        initialDelaySeconds: 5
        periodSeconds: 5
        successThreshold: 1
        timeoutSeconds: 1
      resources:
        limits:
          cpu: "2"
          memory: 8Gi
        requests:
          cpu: 1400m
          memory: 8Gi
      terminationMessagePath: /dev/termination-log
      terminationMessagePolicy: File
      volumeMounts:
      - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
        name: kube-api-access-9c6e4
        readOnly: true
    dnsPolicy: ClusterFirst
    enableServiceLinks: true
    nodeName: worker-1
    preemptionPolicy: PreemptLowerPriority
    priority: 0
    restartPolicy: Always
    schedulerName: default-scheduler
    securityContext: {}
    serviceAccount: default
    serviceAccountName: default
    terminationGracePeriodSeconds: 30
    tolerations:
    - effect: NoExecute
      key: node.kubernetes.io/not-ready
      operator: Exists
      tolerationSeconds: 300
    - effect: NoExecute
      key: node.kubernetes.io/unreachable
      operator: Exists
      tolerationSeconds: 300
    volumes:
    - name: kube-api-access-9c6e4
      projected:
        defaultMode: 420
        sources:
        - serviceAccountToken:
            expirationSeconds: 3607
            path: token
        - configMap:
            items:
            - key: ca.crt
              path: ca.crt
            name: kube-root-ca.crt
        - downwardAPI:
            items:
            - fieldRef:
                apiVersion: v1
                fieldPath: metadata.namespace
              path: namespace
  status:
    conditions:
    - lastProbeTime: null
      lastTransitionTime: "2024-05-05T09:00:02Z"
      status: "True"
      type: PodReadyToStartContainers
    - lastProbeTime: null
      lastTransitionTime: "2024-05-05T09:00:00Z"
      status: "True"
      type: Initialized
    - lastProbeTime: null
      lastTransitionTime: "2024-05-05T09:00:12Z"
      status: "True"
      type: Ready
    - lastProbeTime: null
      lastTransitionTime: "2024-05-05T09:00:12Z"
      status: "True"
      type: ContainersReady
    - lastProbeTime: null
      lastTransitionTime: "2024-05-05T09:00:00Z"
      status: "True"
      type: PodScheduled
    containerStatuses:
    - containerID: containerd://87d0d500e68ec7b748c3523f16c9a732dc2a6122e4e350b924f2e8f1c2fb24c4
      image: registry.example.com/shop/search:5.4.0
      imageID: registry.example.com/shop/search@sha256:74bf99589017c5348e10713c09d5acd1de3863e28ed28b6305653a94f6531f6f
      lastState: {}
      name: search
      ready: true
      restartCount: 0
      started: true
      state:
        running:
          startedAt: "2024-05-05T09:00:03Z"
    hostIP: 10.0.1.11
    hostIPs:
    - ip: 10.0.1.11
    phase: Running
    podIP: 10.244.1.41
    podIPs:
    - ip: 10.244.1.41
    qosClass: Burstable
    startTime: "2024-05-05T09:00:00Z"
- apiVersion: v1
  kind: Pod
  metadata:
    creationTimestamp: "2024-05-05T09:00:00Z"
    generateName: search-m5bq7x8d2c-
    labels:
      app: search
      pod-template-hash: m5bq7x8d2c
    name: search-m5bq7x8d2c-q8w4n
    namespace: shop
    ownerReferences:
    - apiVersion: apps/v1
      blockOwnerDeletion: true
      controller: true
      kind: ReplicaSet
      name: search-m5bq7x8d2c
      uid: 5bb8de36-b724-5cf0-ba3c-a62d03b238ce
    resourceVersion: "48234798"
    uid: f0bc4a00-77cf-5d1f-aef9-b62112e4b283
  spec:
    containers:
    - image: registry.example.com/shop/search:5.4.0
      imagePullPolicy: IfNotPresent
      livenessProbe:
        failureThreshold: 3
        httpGet:
          path: /healthz/live
          port: http
          scheme: HTTP
        initialDelaySeconds: 15
        periodSeconds: 10
        successThreshold: 1
        timeoutSeconds: 1
      name: search
      ports:
      - containerPort: 8080
        name: http
        protocol: TCP
      readinessProbe:
        failureThreshold: 3
        httpGet:
          path: /healthz/ready
          port: http
          scheme: HTTP
        initialDelaySeconds: 5
        periodSeconds: 5
        successThreshold: 1
        timeoutSeconds: 1
      resources:
        limits:
          cpu: "2"
          memory: 8Gi
        requests:
          cpu: 1400m
          memory: 8Gi
      terminationMessagePath: /dev/termination-log
      terminationMessagePolicy: File
      volumeMounts:
      - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
        name: kube-api-access-db32f
        readOnly: true
    dnsPolicy: ClusterFirst
    enableServiceLinks: true
    nodeName: worker-2
    preemptionPolicy: PreemptLowerPriority
    priority: 0
    restartPolicy: Always
    schedulerName: default-scheduler
    securityContext: {}
    serviceAccount: default
    serviceAccountName: default
    terminationGracePeriodSeconds: 30
    tolerations:
    - effect: NoExecute
      key: node.kubernetes.io/not-ready
      operator: Exists
      tolerationSeconds: 300
    - effect: NoExecute
      key: node.kubernetes.io/unreachable
      operator: Exists
      tolerationSeconds: 300
    volumes:
    - name: kube-api-access-db32f
      projected:
        defaultMode: 420
        sources:
        - serviceAccountToken:
            expirationSeconds: 3607
            path: token
        - configMap:
            items:
            - key: ca.crt
              path: ca.crt
            name: kube-root-ca.crt
        - downwardAPI:
            items:
            - fieldRef:
                apiVersion: v1
                fieldPath: metadata.namespace
              path: namespace
  status:
    conditions:
    - lastProbeTime: null
      lastTransitionTime: "2024-05-05T09:00:02Z"
      status: "True"
      type: PodReadyToStartContainers
    - lastProbeTime: null
      lastTransitionTime: "2024-05-05T09:00:00Z"
      status: "True"
      type: Initialized
    - lastProbeTime: null
      lastTransitionTime: "2024-05-05T09:00:12Z"
      status: "True"
      type: Ready
    - lastProbeTime: null
      lastTransitionTime: "2024-05-05T09:00:12Z"
      status: "True"
      type: ContainersReady
    - lastProbeTime: null
      lastTransitionTime: "2024-05-05T09:00:00Z"
      status: "True"
      type: PodScheduled
    containerStatuses:
    - containerID: containerd://796f4d9b1e903950c3d374a000776d56792d19932dabf7a5df0493f3b59eb4e9
      image: registry.example.com/shop/search:5.4.0
      imageID: registry.example.com/shop/search@sha256:74bf99589017c5348e10713c09d5acd1de3863e28ed28b6305653a94f6531f6f
      lastState: {}
      name: search
      ready: true
      restartCount: 0
      started: true
      state:
        running:
          startedAt: "2024-05-05T09:00:03Z"
    hostIP: 10.0.1.12
    hostIPs:
    - ip: 10.0.1.12
    phase: Running
    podIP: 10.244.2.41
    podIPs:
    - ip: 10.244.2.41
    qosClass: Burstable
    startTime: "2024-05-05T09:00:00Z"
- apiVersion: v1
  kind: Pod
  metadata:
    creationTimestamp: "2024-05-05T09:00:00Z"
    generateName: search-m5bq7x8d2c-
    labels:
      app: search
      pod-template-hash: m5bq7x8d2c
    name: search-m5bq7x8d2c-tz7kp
    namespace: shop
    ownerReferences:
    - apiVersion: apps/v1
      blockOwnerDeletion: true
      controller: true
      kind: ReplicaSet
      name: search-m5bq7x8d2c
      uid: 5bb8de36-b724-5cf0-ba3c-a62d03b238ce
    resourceVersion: "48236177"
    uid: 723db6dc-5f64-5aa9-a31a-ad31c2517b29
  spec:
    containers:
    - image: registry.example.com/shop/search:5.4.0
      imagePullPolicy: IfNotPresent
      livenessProbe:
        failureThreshold: 3
        httpGet:
          path: /healthz/live
          port: http
          scheme: HTTP
        initialDelaySeconds: 15
        periodSeconds: 10
        successThreshold: 1
        timeoutSeconds: 1
      name: search
      ports:
      - containerPort: 8080
        name: http
        protocol: TCP
      readinessProbe:
        failureThreshold: 3
        httpGet:
          path: /healthz/ready
          port: http
          scheme: HTTP
        initialDelaySeconds: 5
        periodSeconds: 5
        successThreshold: 1
        timeoutSeconds: 1
      resources:
        limits:
          cpu: "2"
          memory: 8Gi
        requests:
          cpu: 1400m
          memory: 8Gi
      terminationMessagePath: /dev/termination-log
      terminationMessagePolicy: File
      volumeMounts:
      - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
        name: kube-api-access-0ec83
        readOnly: true
    dnsPolicy: ClusterFirst
    enableServiceLinks: true
    nodeName: worker-3
    preemptionPolicy: PreemptLowerPriority
    priority: 0
    restartPolicy: Always
    schedulerName: default-scheduler
    securityContext: {}
    serviceAccount: default
    serviceAccountName: default
    terminationGracePeriodSeconds: 30
    tolerations:
    - effect: NoExecute
      key: node.kubernetes.io/not-ready
      operator: Exists
      tolerationSeconds: 300
    - effect: NoExecute
      key: node.kubernetes.io/unreachable
      operator: Exists
      tolerationSeconds: 300
    volumes:
    - name: kube-api-access-0ec83
      projected:
        defaultMode: 420
        sources:
        - serviceAccountToken:
            expirationSeconds: 3607
            path: token
        - configMap:
            items:
            - key: ca.crt
              path: ca.crt
            name: kube-root-ca.crt
        - downwardAPI:
            items:
            - fieldRef:
                apiVersion: v1
                fieldPath: metadata.namespace
              path: namespace
  status:
    conditions:
    - lastProbeTime: null
      lastTransitionTime: "2024-05-05T09:00:02Z"
      status: "True"
      type: PodReadyToStartContainers
    - lastProbeTime: null
      lastTransitionTime: "2024-05-05T09:00:00Z"
      status: "True"
      type: Initialized
    - lastProbeTime: null
      lastTransitionTime: "2024-05-05T09:00:12Z"
      status: "True"
      type: Ready
    - lastProbeTime: null
      lastTransitionTime: "2024-05-05T09:00:12Z"
      status: "True"
      type: ContainersReady
    - lastProbeTime: null
      lastTransitionTime: "2024-05-05T09:00:00Z"
      status: "True"
      type: PodScheduled
    containerStatuses:
    - containerID: containerd://89f65041039ba2356dfde2d7dd792603b5222ac4c4f14da545431441d8d2daab
      image: registry.example.com/shop/search:5.4.0
      imageID: registry.example.com/shop/search@sha256:74bf99589017c5348e10713c09d5acd1de3863e28ed28b6305653a94f6531f6f
      lastState: {}
      name: search
      ready: true
      restartCount: 0
      started: true
      state:
        running:
          startedAt: "2024-05-05T09:00:03Z"
    hostIP: 10.0.1.13
    hostIPs:
    - ip: 10.0.1.13
    phase: Running
    podIP: 10.244.3.34
    podIPs:
    - ip: 10.244.3.34
    qosClass: Burstable
    startTime: "2024-05-05T09:00:00Z"
kind: List
metadata:
  resourceVersion: ""
"""#
}
