extension DemoCluster {
    struct ProposalSpec {
        let name: String
        let expected: String
        let summary: String
        let manifest: String
    }

    // Free capacity per node, from the pods in DemoClusterPods.swift
    // (allocatable cpu 3920m, memory 15214628Ki on every worker; kube-proxy requests nothing):
    //
    //   worker-1: cpu 3920m - 1750m = 2170m   memory 15214628Ki - 8774Mi (8984576Ki) = 6230052Ki (5.94Gi)
    //   worker-2: cpu 3920m - 1950m = 1970m   memory 15214628Ki - 9030Mi (9246720Ki) = 5967908Ki (5.69Gi)
    //   worker-3: cpu 3920m - 1850m = 2070m   memory 15214628Ki - 8960Mi (9175040Ki) = 6039588Ki (5.76Gi)
    //
    // The scheduler admits a pod on a node when requested + new request <= allocatable.
    static let proposalSpecs: [ProposalSpec] = [
        ProposalSpec(
            name: "catalog",
            expected: "allow",
            summary: "New Deployment shop/catalog, 2 replicas of 200m/256Mi with readiness and liveness on the declared port http: fits easily (at least 1970m / 5.69Gi free per node).",
            manifest: catalogYAML),
        ProposalSpec(
            name: "thumbnailer",
            expected: "warn",
            summary: "New Deployment shop/thumbnailer, 4 replicas of 2 CPU: one fits on worker-1 (2170m free) and one on worker-3 (2070m), none on worker-2 (1970m), so 2 run and 2 stay Pending (Unschedulable).",
            manifest: thumbnailerYAML),
        ProposalSpec(
            name: "vector-index",
            expected: "deny",
            summary: "New Deployment shop/vector-index, 2 replicas requesting 7Gi memory: the most free on any node is 5.94Gi (worker-1), so no replica can ever run (Unschedulable).",
            manifest: vectorIndexYAML),
        ProposalSpec(
            name: "cart-liveness",
            expected: "deny",
            summary: "UPDATE of shop/cart adding a liveness probe on port http (initialDelay 5 s, period 5 s, failureThreshold 3): the kubelet kills the container after about 20 s, but cart pods took 45-46 s from start to Ready (RestartLoop).",
            manifest: cartLivenessYAML),
    ]

    // 200m/256Mi per replica against at least 1970m / 5967908Ki free: both fit on any node.
    // Limit 512Mi plus the ~8.8Gi requested beside it stays far below 14.51Gi allocatable.
    static let catalogYAML = #"""
apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app: catalog
  name: catalog
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: catalog
  template:
    metadata:
      labels:
        app: catalog
    spec:
      containers:
      - image: registry.example.com/shop/catalog:2.4.0
        livenessProbe:
          failureThreshold: 3
          httpGet:
            path: /healthz/live
            port: http
          initialDelaySeconds: 15
          periodSeconds: 10
        name: catalog
        ports:
        - containerPort: 8080
          name: http
          protocol: TCP
        readinessProbe:
          httpGet:
            path: /healthz/ready
            port: http
          initialDelaySeconds: 5
          periodSeconds: 5
        resources:
          limits:
            memory: 512Mi
          requests:
            cpu: 200m
            memory: 256Mi
"""#

    // cpu "2" = 2000m per replica:
    //   worker-1: 1750m + 2000m = 3750m <= 3920m -> 1 fits; a second needs 5750m
    //   worker-2: 1950m + 2000m = 3950m >  3920m -> 0 fit (30m short)
    //   worker-3: 1850m + 2000m = 3850m <= 3920m -> 1 fits
    // 2 of 4 replicas run. Memory (1Gi each) is not the limit. No PriorityClass exists, so
    // the Pending pods preempt nothing: the change only partly takes effect -> warn.
    static let thumbnailerYAML = #"""
apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app: thumbnailer
  name: thumbnailer
  namespace: shop
spec:
  replicas: 4
  selector:
    matchLabels:
      app: thumbnailer
  template:
    metadata:
      labels:
        app: thumbnailer
    spec:
      containers:
      - image: registry.example.com/shop/thumbnailer:1.5.0
        name: thumbnailer
        ports:
        - containerPort: 8080
          name: http
          protocol: TCP
        readinessProbe:
          httpGet:
            path: /ready
            port: http
          periodSeconds: 5
        resources:
          limits:
            cpu: "2"
            memory: 2Gi
          requests:
            cpu: "2"
            memory: 1Gi
"""#

    // 7Gi = 7340032Ki per replica against 6230052Ki, 5967908Ki and 6039588Ki free: no node
    // can take even one (CPU, 1 each, would fit). Nothing can be preempted (no priorities),
    // so no replica ever runs and the rollout hits its 600 s deadline -> deny.
    static let vectorIndexYAML = #"""
apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app: vector-index
  name: vector-index
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: vector-index
  template:
    metadata:
      labels:
        app: vector-index
    spec:
      containers:
      - image: registry.example.com/shop/vector-index:0.9.3
        name: vector-index
        ports:
        - containerPort: 7700
          name: http
          protocol: TCP
        readinessProbe:
          httpGet:
            path: /health
            port: http
          periodSeconds: 5
        resources:
          limits:
            memory: 7Gi
          requests:
            cpu: "1"
            memory: 7Gi
"""#

    // UPDATE of shop/cart (in DemoClusterWorkloads.swift); the only change is the new
    // livenessProbe. Evidence from the running cart pods: container started 08:00:03, Ready
    // at 08:00:48 and 08:00:49, so the app needs 45-46 s before port http answers (readiness
    // probes the same port every 5 s after 10 s). The new probe fails at 5 s, 10 s and 15 s
    // and the kubelet kills the container by initialDelay 5 + 3 x period 5 = 20 s at the
    // latest: every new container dies long before it can be Ready -> RestartLoop, deny.
    // The rollout: maxSurge 25% of 2 rounds up to 1, maxUnavailable 25% of 2 down to 0, so
    // one new pod (200m/256Mi, fits anywhere) crash-loops while the old two keep serving.
    static let cartLivenessYAML = #"""
apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app: cart
  name: cart
  namespace: shop
spec:
  progressDeadlineSeconds: 600
  replicas: 2
  revisionHistoryLimit: 10
  selector:
    matchLabels:
      app: cart
  strategy:
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 25%
    type: RollingUpdate
  template:
    metadata:
      labels:
        app: cart
    spec:
      containers:
      - image: registry.example.com/shop/cart:1.21.0
        imagePullPolicy: IfNotPresent
        livenessProbe:
          failureThreshold: 3
          httpGet:
            path: /healthz/live
            port: http
            scheme: HTTP
          initialDelaySeconds: 5
          periodSeconds: 5
          successThreshold: 1
          timeoutSeconds: 1
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
      dnsPolicy: ClusterFirst
      restartPolicy: Always
      schedulerName: default-scheduler
      securityContext: {}
      terminationGracePeriodSeconds: 30
"""#
}
