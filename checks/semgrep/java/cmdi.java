package id.go.pontianakkota.tools;

import java.io.IOException;
import javax.servlet.http.HttpServletRequest;

public class Jaringan {
    public Process ping(HttpServletRequest request) throws IOException {
        String host = request.getParameter("host");
        // ruleid: repospbe.java.cmdi.runtime-exec
        return Runtime.getRuntime().exec("ping -c 3 " + host);
    }

    public Process pingAman(HttpServletRequest request) throws IOException {
        String host = request.getParameter("host");
        // ok: repospbe.java.cmdi.runtime-exec
        return new ProcessBuilder("ping", "-c", "3", host).start();
    }

    public Process arsip(String folder) throws IOException {
        // ruleid: repospbe.java.cmdi.runtime-exec
        return new ProcessBuilder("sh", "-c", "tar czf /backup/arsip.tgz " + folder).start();
    }

    public Process uptime() throws IOException {
        // ok: repospbe.java.cmdi.runtime-exec
        return Runtime.getRuntime().exec("uptime");
    }
}
