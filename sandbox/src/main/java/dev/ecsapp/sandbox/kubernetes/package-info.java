/**
  * The sandbox's Kubernetes API server: fabric8's in-memory CRUD store behind the discovery documents, error answers
  * and kubeconfig that kubectl and the operator need to talk to it.
  */
package dev.ecsapp.sandbox.kubernetes;
