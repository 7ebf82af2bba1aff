package org.scapscope.field;

import java.util.Map;
import org.scapscope.field.FieldInfo.Argument;
import org.scapscope.state.ContainerInfo;
import org.scapscope.state.ThreadInfo;

/**
 * The {@code k8s} fields a capture can answer by itself: the pod, its id and namespace from the labels
 * the container runtime gives the thread's container ({@code io.kubernetes.pod.name}, ...), and the pod's
 * own labels from its sandbox container, as sysdig 0.29.3 reads them when no Kubernetes API is at hand.
 */
final class K8sFields {
    private K8sFields() {
    }

    static void register(FieldRegistry r) {
        label(r, "k8s.pod.name", "the Kubernetes pod of the thread's container", "io.kubernetes.pod.name");
        label(r, "k8s.pod.id", "the uid of the Kubernetes pod of the thread's container", "io.kubernetes.pod.uid");
        label(r, "k8s.ns.name", "the Kubernetes namespace of the thread's container's pod", "io.kubernetes.pod.namespace");
        r.add("k8s", new FieldInfo("k8s.pod.label", FieldType.CHARBUF,
                "a label of the pod, from its sandbox container (k8s.pod.label.app)", Argument.REQUIRED_NAME),
                (info, arg) -> new ProcFields.ThreadField(info, (c, t) -> {
                    Map<String, String> labels = sandboxLabels(c, t);
                    return labels == null ? null : labels.get(arg);
                }));
        ProcFields.add(r, "k8s.pod.labels", FieldType.CHARBUF,
                "the pod's labels as key:value, comma-separated, without annotations and io.kubernetes ones", (c, t) -> {
                    Map<String, String> labels = sandboxLabels(c, t);
                    if (labels == null) {
                        return null;
                    }
                    StringBuilder b = new StringBuilder();
                    for (Map.Entry<String, String> e : labels.entrySet()) {
                        if (e.getKey().startsWith("annotation.") || e.getKey().startsWith("io.kubernetes.")) {
                            continue;
                        }
                        if (b.length() > 0) {
                            b.append(", ");
                        }
                        b.append(e.getKey());
                        if (!e.getValue().isEmpty()) {
                            b.append(':').append(e.getValue());
                        }
                    }
                    return b.toString();
                });
    }

    private static void label(FieldRegistry r, String name, String description, String key) {
        ProcFields.add(r, name, FieldType.CHARBUF, description, (c, t) -> {
            ContainerInfo info = container(c, t);
            return info == null ? null : info.labels().get(key);
        });
    }

    private static ContainerInfo container(FieldContext c, ThreadInfo t) {
        String id = t.containerId();
        if (id.isEmpty()) {
            return null;
        }
        ContainerInfo info = c.state().containers().get(id);
        return info == null || info.labels().isEmpty() ? null : info;
    }

    /** The labels of the pod's sandbox container (named by {@code io.kubernetes.sandbox.id}), or null. */
    private static Map<String, String> sandboxLabels(FieldContext c, ThreadInfo t) {
        ContainerInfo info = container(c, t);
        String sandbox = info == null ? null : info.labels().get("io.kubernetes.sandbox.id");
        if (sandbox == null) {
            return null;
        }
        ContainerInfo box = c.state().containers().get(sandbox.length() > 12 ? sandbox.substring(0, 12) : sandbox);
        return box == null || box.labels().isEmpty() ? null : box.labels();
    }
}
