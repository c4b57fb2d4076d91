package dev.ecsapp.deploy.argocd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsapp.deploy.RepositoryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseBaseLib;
import org.luaj.vm2.lib.jse.JseMathLib;

/** Runs deploy/gitops/argocd/health-ecsapp.lua on an object the way Argo CD runs a custom health check. */
final class ArgoCdHealth {

    static final Path SCRIPT = RepositoryFiles.deploy().resolve("gitops").resolve("argocd").resolve("health-ecsapp.lua");
    static final Path CONFIG_MAP = RepositoryFiles.deploy().resolve("gitops").resolve("argocd")
            .resolve("argocd-cm-health.yaml");

    /** What the script returned: Argo CD's health status and the message it shows next to it. */
    record Health(String status, String message) {
    }

    private ArgoCdHealth() {
    }

    static String script() {
        try {
            return Files.readString(SCRIPT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The script's verdict on the whole object (metadata, spec and status), given to it as the global obj. */
    static Health of(JsonNode object) {
        // Only the libraries Argo CD opens for health scripts: no io, os or debug, so a script using them fails here.
        Globals globals = new Globals();
        globals.load(new JseBaseLib());
        globals.load(new PackageLib());
        globals.load(new TableLib());
        globals.load(new StringLib());
        globals.load(new JseMathLib());
        LoadState.install(globals);
        LuaC.install(globals);
        globals.set("obj", toLua(object));
        LuaValue result = globals.load(script(), SCRIPT.getFileName().toString()).call();
        return new Health(result.get("status").optjstring(null), result.get("message").optjstring(null));
    }

    /**
     * JSON as Argo CD hands it to Lua: objects and arrays become tables (arrays from index 1), every number a Lua
     * number (a float64 in gopher-lua), null nothing at all.
     */
    static LuaValue toLua(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return LuaValue.NIL;
        }
        if (node.isObject()) {
            LuaTable table = new LuaTable();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                table.set(field.getKey(), toLua(field.getValue()));
            }
            return table;
        }
        if (node.isArray()) {
            LuaTable table = new LuaTable();
            for (int i = 0; i < node.size(); i++) {
                table.set(i + 1, toLua(node.get(i)));
            }
            return table;
        }
        if (node.isNumber()) {
            return LuaValue.valueOf(node.asDouble());
        }
        if (node.isBoolean()) {
            return LuaValue.valueOf(node.asBoolean());
        }
        return LuaValue.valueOf(node.asText());
    }
}
