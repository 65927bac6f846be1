{{- define "premortem.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "premortem.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "premortem.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "premortem.selectorLabels" -}}
app.kubernetes.io/name: {{ include "premortem.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "premortem.labels" -}}
helm.sh/chart: {{ include "premortem.chart" . }}
{{ include "premortem.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: admission-webhook
{{- end }}

{{- define "premortem.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "premortem.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "premortem.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* The Secret the server's certificate is mounted from. */}}
{{- define "premortem.tlsSecretName" -}}
{{- default (printf "%s-tls" (include "premortem.fullname" .)) .Values.tls.existingSecret }}
{{- end }}

{{/* The DNS names kube-apiserver may use for the Service; it sends <svc>.<ns>.svc as SNI. */}}
{{- define "premortem.dnsNames" -}}
{{- $svc := include "premortem.fullname" . }}
{{- $ns := .Release.Namespace }}
{{- list $svc (printf "%s.%s" $svc $ns) (printf "%s.%s.svc" $svc $ns) (printf "%s.%s.svc.%s" $svc $ns .Values.clusterDomain) | toJson }}
{{- end }}

{{/* Namespaces the apiserver must never call the webhook for. */}}
{{- define "premortem.excludedNamespaces" -}}
{{- concat (list "kube-system" .Release.Namespace) .Values.excludeNamespaces | uniq | toJson }}
{{- end }}

{{/*
policy/v1 PodDisruptionBudget exists from 1.21; 1.25 removed policy/v1beta1. The server's
version decides, so that `helm template --kube-version` renders what that version accepts.
*/}}
{{- define "premortem.pdbApiVersion" -}}
{{- if semverCompare ">=1.21-0" .Capabilities.KubeVersion.Version }}policy/v1{{ else }}policy/v1beta1{{ end }}
{{- end }}

{{- define "premortem.validate" -}}
{{- if and .Values.certManager.enabled .Values.tls.existingSecret }}
{{- fail "set either certManager.enabled or tls.existingSecret, not both" }}
{{- end }}
{{- if and .Values.clientAuth.enabled (eq (empty .Values.clientAuth.caSecret) (empty .Values.clientAuth.caConfigMap)) }}
{{- fail "clientAuth.enabled needs exactly one of clientAuth.caSecret or clientAuth.caConfigMap" }}
{{- end }}
{{- end }}

{{/* What both webhook entries share. Takes (dict "root" $ "caBundle" "..."). */}}
{{- define "premortem.webhookCommon" -}}
{{- $v := .root.Values -}}
clientConfig:
  service:
    namespace: {{ .root.Release.Namespace }}
    name: {{ include "premortem.fullname" .root }}
    port: {{ $v.service.port }}
    path: /validate
  {{- with .caBundle }}
  caBundle: {{ . }}
  {{- end }}
{{- /*
kubernetes.io/metadata.name is set on every namespace from 1.21 on. Before, the first expression
matches every namespace, and only the server's own exclusions (the same list) keep them out.
*/}}
namespaceSelector:
  matchExpressions:
    - key: kubernetes.io/metadata.name
      operator: NotIn
      values: {{ include "premortem.excludedNamespaces" .root }}
    - key: premortem.io/mode
      operator: NotIn
      values: ["off"]
    {{- with $v.webhook.namespaceSelectorExpressions }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- with $v.webhook.objectSelector }}
objectSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
failurePolicy: {{ $v.webhook.failurePolicy }}
matchPolicy: Equivalent
sideEffects: None
timeoutSeconds: {{ $v.webhook.timeoutSeconds }}
admissionReviewVersions: ["v1", "v1beta1"]
{{- end }}
