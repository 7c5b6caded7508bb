#!/usr/bin/env python3
"""Writes a benchmark input: a stream of N Deployments (one in 100 targeted by a workload tuning),
a kustomization over it, and a tuning spec whose workloads patch the targeted ones by name.

usage: make_stream.py DIR N
"""
import os
import sys

out, n = sys.argv[1], int(sys.argv[2])
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

targeted = list(range(0, n, 100))
with open(os.path.join(app, "stream.yaml"), "w") as f:
    for i in range(n):
        f.write(deployment(i))
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
print(f"{n} deployments, {len(targeted)} targeted")
