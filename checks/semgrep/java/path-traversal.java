package id.go.pontianakkota.arsip;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ArsipController {
    private static final Path BASE = Paths.get("/srv/arsip");

    public byte[] unduh(HttpServletRequest request) throws IOException {
        String nama = request.getParameter("berkas");
        // ruleid: repospbe.java.path-traversal.file-access-request
        File f = new File("/srv/arsip/" + nama);
        return Files.readAllBytes(f.toPath());
    }

    @GetMapping("/arsip")
    public byte[] unduhSpring(@RequestParam String nama) throws IOException {
        // ruleid: repospbe.java.path-traversal.file-access-request
        return Files.readAllBytes(BASE.resolve(nama));
    }

    @GetMapping("/arsip-aman")
    public byte[] unduhAman(@RequestParam String nama) throws IOException {
        // ok: repospbe.java.path-traversal.file-access-request
        Path p = BASE.resolve(Paths.get(nama).getFileName());
        return Files.readAllBytes(p);
    }

    public byte[] logo() throws IOException {
        // ok: repospbe.java.path-traversal.file-access-request
        return Files.readAllBytes(new File("/srv/static/logo.png").toPath());
    }
}
