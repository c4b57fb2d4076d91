/**
 * The sandbox's own in-memory Kubernetes API server: storage with kube-apiserver's object semantics, REST, watch,
 * discovery and the Table format, on the JDK's HTTP server.
 */
package dev.ecsapp.sandbox.kubernetes.server;
