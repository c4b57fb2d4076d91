{{/* The chart's name, or nameOverride. */}}
{{- define "ecsapp-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Object names: the release's name when it already holds the chart's name, else release-chart. */}}
{{- define "ecsapp-operator.fullname" -}}
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

{{- define "ecsapp-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "ecsapp-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "ecsapp-operator.imageTag" -}}
{{- default .Chart.AppVersion .Values.image.tag }}
{{- end }}

{{/*
Labels carry no Helm-specific values (no helm.sh/chart, no managed-by), so that the default render and the kustomize
base, which is that render, are the same objects.
*/}}
{{- define "ecsapp-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ecsapp-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "ecsapp-operator.labels" -}}
{{ include "ecsapp-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ include "ecsapp-operator.imageTag" . | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: ecsapp
{{- end }}

{{/*
What the operator does with the Kubernetes API: RbacMatchesOperatorRequestsTest runs the operator, records its requests
and fails when these rules grant a verb it did not use or miss one it did.
*/}}
{{- define "ecsapp-operator.appRules" -}}
- apiGroups: ["ecsapp.dev"]
  resources: ["ecsapps"]
  # get: java-operator-sdk reads an app again when a finalizer write meets a conflict.
  verbs: ["get", "list", "watch", "patch"]
- apiGroups: ["ecsapp.dev"]
  resources: ["ecsapps/status"]
  verbs: ["patch"]
- apiGroups: [""]
  resources: ["events"]
  # get and update: the same event again raises the count of the existing one.
  verbs: ["get", "create", "update"]
{{- end }}
