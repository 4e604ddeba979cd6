package id.go.pontianakkota.simpeg;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class PegawaiServlet extends HttpServlet {
    private Connection conn;

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String nip = request.getParameter("nip");
        try {
            Statement st = conn.createStatement();
            // ruleid: repospbe.java.sqli.string-built-query
            ResultSet rs = st.executeQuery("SELECT * FROM pegawai WHERE nip = '" + nip + "'");
            // ok: repospbe.java.sqli.string-built-query
            PreparedStatement ps = conn.prepareStatement("SELECT * FROM pegawai WHERE nip = ?");
            ps.setString(1, nip);
            ResultSet aman = ps.executeQuery();
        } catch (SQLException e) {
            response.sendError(500);
        }
    }
}

class PegawaiDao {
    private Connection conn;

    public ResultSet cariNama(String nama) throws SQLException {
        String sql = "SELECT * FROM pegawai WHERE nama LIKE '%" + nama + "%'";
        // ruleid: repospbe.java.sqli.string-built-query
        return conn.createStatement().executeQuery(sql);
    }

    public ResultSet cariNamaAman(String nama) throws SQLException {
        // ok: repospbe.java.sqli.string-built-query
        PreparedStatement ps = conn.prepareStatement("SELECT * FROM pegawai WHERE nama LIKE ?");
        ps.setString(1, "%" + nama + "%");
        return ps.executeQuery();
    }

    public ResultSet jalankan(String sql) throws SQLException {
        // ok: repospbe.java.sqli.string-built-query
        return conn.createStatement().executeQuery(sql);
    }

    public java.util.List<?> jpql(javax.persistence.EntityManager em, String unit) {
        // ruleid: repospbe.java.sqli.string-built-query
        return em.createQuery("SELECT p FROM Pegawai p WHERE p.unit = '" + unit + "'").getResultList();
    }

    @GetMapping("/cari-nik")
    public String cariNik(@RequestParam String nik) throws SQLException {
        String sql = "SELECT * FROM penduduk WHERE nik = '" + nik + "'";
        Statement st = conn.createStatement();
        // ruleid: repospbe.java.sqli.string-built-query
        st.execute(sql);
        PreparedStatement ps = conn.prepareStatement("SELECT * FROM penduduk WHERE nik = ?");
        ps.setString(1, nik);
        // ok: repospbe.java.sqli.string-built-query
        ps.executeQuery();
        return "hasil";
    }
}
