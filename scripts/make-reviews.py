#!/usr/bin/env python3
"""Writes the AdmissionReview bodies the soak and hostile tests send, from the real
kube-apiserver fixtures (../shared/fixtures/admission-review) and the demo's own review:

  dryrun.json      the fixture's dry-run CREATE (kubectl apply --dry-run=server)
  denied.json      a CREATE the demo cluster denies (a pod too large for any node), not dry-run
  allowed.json     the demo's healthy proposal (catalog), not dry-run: applied to the state
  containers.json  a dry-run Deployment with 10,000 containers (~2.4 MB, under the API server's 3 MiB)
  labels.json      a dry-run Deployment with 100,000 labels on its pod template (~1.8 MB)

usage: make-reviews.py OUT_DIR FIXTURES_DIR ALLOWED_REVIEW_JSON
"""
import copy
import json
import sys
import uuid

out, fixtures, allowed_path = sys.argv[1], sys.argv[2], sys.argv[3]
base = json.load(open(f"{fixtures}/create-dryrun.json"))


def write(name, review):
    review["request"]["uid"] = str(uuid.uuid4())
    with open(f"{out}/{name}", "w") as f:
        json.dump(review, f, separators=(",", ":"))


write("dryrun.json", copy.deepcopy(base))

denied = copy.deepcopy(base)
denied["request"]["dryRun"] = False
obj = denied["request"]["object"]
obj["metadata"]["name"] = denied["request"]["name"] = "soak-denied"
obj["metadata"].pop("managedFields", None)
obj["metadata"].pop("annotations", None)
c = obj["spec"]["template"]["spec"]["containers"][0]
c["resources"] = {"requests": {"cpu": "500", "memory": "64Ti"}}
write("denied.json", denied)

write("allowed.json", json.load(open(allowed_path)))

big = copy.deepcopy(base)
obj = big["request"]["object"]
obj["metadata"]["name"] = big["request"]["name"] = "soak-containers"
obj["metadata"].pop("managedFields", None)
obj["metadata"].pop("annotations", None)
template = obj["spec"]["template"]["spec"]["containers"][0]
containers = []
for i in range(10_000):
    c = copy.deepcopy(template)
    c["name"] = f"c{i:05d}"
    c["image"] = f"registry.invalid/soak/app-{i:05d}:1.0.0"
    c["resources"] = {"requests": {"cpu": "1m", "memory": "1Mi"}, "limits": {"memory": "2Mi"}}
    containers.append(c)
obj["spec"]["template"]["spec"]["containers"] = containers
write("containers.json", big)

labels = copy.deepcopy(base)
obj = labels["request"]["object"]
obj["metadata"]["name"] = labels["request"]["name"] = "soak-labels"
obj["metadata"].pop("managedFields", None)
obj["metadata"].pop("annotations", None)
many = {f"l{i}": f"v{i}" for i in range(100_000)}
many["app"] = "deny-me"
obj["metadata"]["labels"] = {"app": "deny-me"}
obj["spec"]["template"]["metadata"]["labels"] = many
write("labels.json", labels)
