package id.go.pontianakkota.web;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class LaporanServlet extends HttpServlet {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger("laporan");

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            buatLaporan();
        } catch (Exception e) {
            // ruleid: repospbe.java.debug.stack-trace-to-response
            e.printStackTrace(response.getWriter());
        }
        try {
            buatLaporan();
        } catch (Exception e) {
            // ok: repospbe.java.debug.stack-trace-to-response
            LOG.log(java.util.logging.Level.SEVERE, "gagal membuat laporan", e);
            response.sendError(500);
        }
    }

    private void buatLaporan() throws Exception { }
}
