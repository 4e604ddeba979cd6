package id.go.pontianakkota.unggah;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.UUID;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
public class UnggahController {
    private static final Path FOLDER = Paths.get("/srv/unggahan");

    @PostMapping("/unggah")
    public String unggah(@RequestParam("berkas") MultipartFile berkas) throws IOException {
        // ruleid: repospbe.java.upload.client-filename
        berkas.transferTo(new File("/srv/unggahan/" + berkas.getOriginalFilename()));
        return "ok";
    }

    @PostMapping("/unggah-aman")
    public String unggahAman(@RequestParam("berkas") MultipartFile berkas) throws IOException {
        // ok: repospbe.java.upload.client-filename
        berkas.transferTo(FOLDER.resolve(UUID.randomUUID().toString() + ".pdf"));
        return "ok";
    }
}
