import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * The practical ceiling on this machine: Vert.x core answering a constant 200 to everything, no router, no metrics,
 * no logs, one instance per core like the service. Run by run.py only.
 */
public final class BareServer extends VerticleBase {

    private static final Buffer BODY = Buffer.buffer("{\"status\":\"UP\"}");

    private final int port;

    BareServer(int port) {
        this.port = port;
    }

    @Override
    public Future<?> start() {
        return vertx.createHttpServer()
                .requestHandler(request -> request.response()
                        .putHeader("content-type", "application/json")
                        .end(BODY.copy()))
                .listen(port, "127.0.0.1");
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Vertx.vertx().deployVerticle(() -> new BareServer(port),
                new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors()));
    }
}
