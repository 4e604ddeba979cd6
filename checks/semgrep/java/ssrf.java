@RestController
public class ProxyController {
    @GetMapping("/pratinjau")
    public String pratinjau(@RequestParam("url") String url) throws Exception {
        // ruleid: repospbe.java.ssrf.request-url
        return restTemplate.getForObject(url, String.class);
    }

    @GetMapping("/unduh")
    public byte[] unduh(HttpServletRequest request) throws Exception {
        String alamat = request.getParameter("u");
        // ruleid: repospbe.java.ssrf.request-url
        return new URL(alamat).openStream().readAllBytes();
    }

    @GetMapping("/nik/{nik}")
    public String nik(@PathVariable String nik) {
        // ok: repospbe.java.ssrf.request-url
        return restTemplate.getForObject("https://siak.example.go.id/api/nik?nik={nik}", String.class, nik);
    }
}
