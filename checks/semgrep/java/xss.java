package id.go.pontianakkota.web;

import java.io.IOException;
import java.io.PrintWriter;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.owasp.encoder.Encode;

public class CariServlet extends HttpServlet {
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String q = request.getParameter("q");
        PrintWriter out = response.getWriter();
        // ruleid: repospbe.java.xss.servlet-writer
        out.println("<h1>Hasil pencarian: " + q + "</h1>");
        // ok: repospbe.java.xss.servlet-writer
        out.println("<h1>Hasil pencarian: " + Encode.forHtml(q) + "</h1>");
        // ruleid: repospbe.java.xss.servlet-writer
        response.getWriter().write(request.getParameter("pesan"));
        // ok: repospbe.java.xss.servlet-writer
        out.println("<p>Selesai</p>");
    }
}
