import Foundation
import Testing
@testable import KubeModel

/// What `premortem snapshot` writes reads back as the same objects.
@Suite struct RoundTripTests {
    static let manifests = """
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: shop, labels: {app: web}, annotations: {premortem.io/startup-seconds: "30", other: dropped}, resourceVersion: "5",
                   ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-1, controller: true}]}
        spec:
          nodeName: n1
          serviceAccountName: web
          runtimeClassName: gvisor
          securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}, sysctls: [{name: net.core.somaxconn, value: "1024"}]}
          containers:
          - name: app
            image: registry.example/web:1
            env: [{name: A, value: secret-value}, {name: B, valueFrom: {configMapKeyRef: {name: settings, key: b}}}]
            envFrom: [{secretRef: {name: creds, optional: true}}]
            securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}, windowsOptions: {hostProcess: false}}
            ports: [{name: http, containerPort: 8080}]
            resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {memory: 128Mi}}
            livenessProbe: {httpGet: {path: /live, port: http}, initialDelaySeconds: 5}
          volumes:
          - {name: cfg, configMap: {name: settings}}
          - {name: s, secret: {secretName: creds, optional: true}}
          - {name: data, persistentVolumeClaim: {claimName: data-0}}
          - {name: tok, projected: {sources: [{serviceAccountToken: {path: token}}, {configMap: {name: kube-root-ca.crt}}]}}
          - {name: host, hostPath: {path: /var/log}}
          - {name: scratch, emptyDir: {}}
        status:
          phase: Running
          conditions: [{type: Ready, status: "True", lastTransitionTime: "2024-05-01T10:00:30Z"}, {type: Initialized, status: "True"}]
          containerStatuses: [{name: app, ready: true, restartCount: 2, state: {running: {startedAt: "2024-05-01T10:00:05Z"}},
                               lastState: {terminated: {reason: OOMKilled, exitCode: 137}}}]
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: j, namespace: shop}
        spec:
          backoffLimit: 2
          podFailurePolicy: {rules: [{action: FailJob, onExitCodes: {containerName: app, operator: In, values: [42]}}, {action: Ignore, onPodConditions: [{type: DisruptionTarget}]}]}
          template: {spec: {restartPolicy: Never, containers: [{name: app}]}}
        status: {failed: 3, conditions: [{type: Failed, status: "True"}]}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: shop}
        spec:
          replicas: 3
          selector: {matchLabels: {app: db}}
          updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 1, maxUnavailable: 2}}
          volumeClaimTemplates: [{metadata: {name: data}, spec: {storageClassName: fast}}]
          template: {metadata: {labels: {app: db}}, spec: {containers: [{name: db}]}}
        ---
        apiVersion: v1
        kind: ResourceQuota
        metadata: {name: q, namespace: shop}
        spec: {hard: {requests.cpu: "4", count/pods: "10"}, scopeSelector: {matchExpressions: [{scopeName: PriorityClass, operator: In, values: [high]}]}}
        status: {used: {requests.cpu: 1500m}}
        ---
        apiVersion: node.k8s.io/v1
        kind: RuntimeClass
        metadata: {name: gvisor}
        handler: runsc
        overhead: {podFixed: {cpu: 250m, memory: 120Mi}}
        scheduling: {nodeSelector: {sandbox: "true"}, tolerations: [{key: sandbox, operator: Exists}]}
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: data-0, namespace: shop}
        spec: {storageClassName: fast, volumeName: pv1, accessModes: [ReadWriteOnce], resources: {requests: {storage: 10Gi}}}
        status: {phase: Bound}
        ---
        apiVersion: v1
        kind: PersistentVolume
        metadata: {name: pv1}
        spec:
          capacity: {storage: 10Gi}
          storageClassName: fast
          claimRef: {namespace: shop, name: data-0}
          nodeAffinity: {required: {nodeSelectorTerms: [{matchExpressions: [{key: topology.kubernetes.io/zone, operator: In, values: [a]}]}]}}
        status: {phase: Bound}
        ---
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata: {name: fast, annotations: {storageclass.kubernetes.io/is-default-class: "true"}}
        provisioner: ebs.csi.aws.com
        volumeBindingMode: WaitForFirstConsumer
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: shop}
        data: {b: value}
        """

    @Test func decodeEncodeDecodeIsTheSame() throws {
        let first = try ManifestDecoder.decodeAll(Self.manifests, source: "test")
        #expect(first.count == 9)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = "[" + (try first.map { String(decoding: try encoder.encode($0), as: UTF8.self) }).joined(separator: ",") + "]"
        let second = try ManifestDecoder.decodeAll(json, source: "encoded")
        #expect(second == first)
        // What is not kept is not written: env values, unread annotations, ConfigMap data.
        #expect(!json.contains("secret-value"))
        #expect(!json.contains("dropped"))
        #expect(!json.contains(#""b":"value""#))
    }

    @Test func fieldsReadAsTheAPIWritesThem() throws {
        let objects = try ManifestDecoder.decodeAll(Self.manifests, source: "test")
        guard case .pod(let p) = objects[0], case .job(let j) = objects[1], case .storageClass(let sc) = objects[7],
              case .persistentVolume(let pv) = objects[6] else { Issue.record("kinds"); return }
        #expect(p.spec.containers[0].envSources == [ObjectReference(kind: "ConfigMap", name: "settings"),
                                                    ObjectReference(kind: "Secret", name: "creds", optional: true)])
        #expect(p.spec.volumes?.map(\.source) == ["configMap", "secret", "persistentVolumeClaim", "projected", "hostPath", "emptyDir"])
        #expect(p.spec.securityContext?.sysctls == ["net.core.somaxconn"])
        #expect(p.metadata.annotations == ["premortem.io/startup-seconds": "30"])
        #expect(p.status?.conditions?.map(\.type) == ["Ready"])
        #expect(j.status?.finished == "Failed")
        #expect(j.spec.podFailurePolicy?.first?.exitCodes == [42])
        #expect(sc.isDefault)
        #expect(pv.spec.nodeAffinity?.nodeSelectorTerms.count == 1)
    }
}
