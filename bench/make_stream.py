#!/usr/bin/env python3
"""Writes a benchmark input: a stream of N Deployments (one in 100 targeted by a workload tuning),
a kustomization over it, and a tuning spec whose workloads patch the targeted ones by name.
Also app/targeted.yaml: the targeted Deployments alone (generate reads target files of at most 4 MiB,
so bench/run.sh writes the patches from it, then builds the whole stream with them).

usage: make_stream.py DIR N [--real-size]

--real-size: each Deployment is the observed trident-controller as `kubectl get -o yaml` prints it
(managedFields, annotations, status, six containers: about 115 lines), renamed; otherwise a small
Deployment of about 35 lines.
"""
import os
import sys

out, n = sys.argv[1], int(sys.argv[2])
real_size = "--real-size" in sys.argv[3:]
app = os.path.join(out, "app")
os.makedirs(app, exist_ok=True)

def deployment(i):
    return f"""---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-{i}
  namespace: bench
  labels:
    app: app-{i}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: app-{i}
  template:
    metadata:
      labels:
        app: app-{i}
    spec:
      containers:
        - name: main
          image: registry.example/app:{i % 17}.0
          args:
            - --port=8080
            - --log-level=info
          resources:
            requests:
              cpu: 10m
        - name: csi-provisioner
          image: registry.example/csi-provisioner:v5
          args:
            - --v=2
            - --timeout=600s
            - --kube-api-qps=5
        - name: csi-attacher
          image: registry.example/csi-attacher:v4
          args:
            - --v=2
"""

def trident_controller(i):
    return f"""---
apiVersion: apps/v1
kind: Deployment
metadata:
  annotations:
    deployment.kubernetes.io/revision: "7"
  creationTimestamp: "2024-05-11T17:38:22Z"
  generation: 7
  labels:
    app: app-{i}
  managedFields:
  - apiVersion: apps/v1
    fieldsType: FieldsV1
    fieldsV1:
      f:spec:
        f:template:
          f:spec:
            f:containers: {{}}
    manager: trident-operator
    operation: Update
    time: "2026-11-20T08:03:30Z"
  - apiVersion: apps/v1
    fieldsType: FieldsV1
    fieldsV1:
      f:status:
        f:availableReplicas: {{}}
        f:observedGeneration: {{}}
    manager: kube-controller-manager
    operation: Update
    subresource: status
    time: "2026-11-20T08:04:02Z"
  name: app-{i}
  namespace: bench
  ownerReferences:
  - apiVersion: trident.qnap.io/v1
    controller: true
    kind: TridentOrchestrator
    name: trident
    uid: 7d3e5f1a-2b4c-4d6e-8f0a-1b3c5d7e9f2a
  resourceVersion: "{48213911 + i}"
  uid: e1d9a6c4-7b3f-4f0a-8e2d-{i:012d}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: app-{i}
  template:
    metadata:
      labels:
        app: app-{i}
    spec:
      containers:
      - args:
        - --crd_persistence
        - --k8s_pod
        - --https_rest
        - --https_port=8443
        - --csi_node_name=$(KUBE_NODE_NAME)
        - --csi_endpoint=$(CSI_ENDPOINT)
        - --csi_role=controller
        - --log_format=text
        - --address=127.0.0.1
        - --http_request_timeout=1m30s
        - --metrics
        command:
        - /trident_orchestrator
        image: qnapsystem/qnap-csi:v1.6.1
        name: main
        resources:
          requests:
            cpu: 10m
      - args:
        - --port=8080
        image: qnapsystem/qnap-csi-backend-qts-sidecar:v1.6.1
        name: storage-api-server
      - args:
        - --v=2
        - --timeout=600s
        - --csi-address=$(ADDRESS)
        - --retry-interval-start=8s
        - --retry-interval-max=30s
        - --kube-api-qps=5
        - --kube-api-burst=10
        image: registry.k8s.io/sig-storage/csi-provisioner:v5.2.0
        name: csi-provisioner
      - args:
        - --v=2
        - --timeout=60s
        - --retry-interval-start=10s
        - --csi-address=$(ADDRESS)
        image: registry.k8s.io/sig-storage/csi-attacher:v4.8.1
        name: csi-attacher
      - args:
        - --v=2
        - --timeout=300s
        - --csi-address=$(ADDRESS)
        image: registry.k8s.io/sig-storage/csi-resizer:v1.13.2
        name: csi-resizer
      - args:
        - --v=2
        - --timeout=300s
        - --csi-address=$(ADDRESS)
        image: registry.k8s.io/sig-storage/csi-snapshotter:v8.2.1
        name: csi-snapshotter
      serviceAccountName: trident-controller
status:
  availableReplicas: 1
  conditions:
  - lastTransitionTime: "2026-11-20T08:04:02Z"
    lastUpdateTime: "2026-11-20T08:04:02Z"
    message: Deployment has minimum availability.
    reason: MinimumReplicasAvailable
    status: "True"
    type: Available
  observedGeneration: 7
  readyReplicas: 1
  replicas: 1
  updatedReplicas: 1
"""

make = trident_controller if real_size else deployment
targeted = list(range(0, n, 100))
with open(os.path.join(app, "stream.yaml"), "w") as f:
    for i in range(n):
        f.write(make(i))
with open(os.path.join(app, "targeted.yaml"), "w") as f:
    for i in targeted:
        f.write(make(i))
with open(os.path.join(app, "kustomization.yaml"), "w") as f:
    f.write("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - stream.yaml\n")
with open(os.path.join(out, "tuning.yaml"), "w") as f:
    f.write("apiVersion: manifestgen.io/v1alpha1\nkind: ClusterTuning\nmetadata:\n  name: bench\nspec:\n  workloads:\n")
    for i in targeted:
        f.write(f"""    - name: app-{i}
      target: {{kind: Deployment, namespace: bench, name: app-{i}}}
      delivery: kustomization
      kustomization: app
      output: app/patch-app-{i}.yaml
      containers:
        - names: [csi-provisioner, csi-attacher]
          flags: {{--kube-api-qps: "50", --kube-api-burst: "100"}}
        - names: [main]
          resources:
            requests: {{cpu: 50m, memory: 128Mi}}
            limits: {{cpu: 200m, memory: 256Mi}}
""")
size = os.path.getsize(os.path.join(app, "stream.yaml"))
lines = make(0).count("\n") - 1
print(f"{n} deployments of {lines} lines, {len(targeted)} targeted, {size / 1e6:.1f} MB")
