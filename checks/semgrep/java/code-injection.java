package id.go.pontianakkota.tools;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import javax.servlet.http.HttpServletRequest;

public class Impor {
    public Object pulihkan(HttpServletRequest request) throws IOException, ClassNotFoundException {
        // ruleid: repospbe.java.code-injection.untrusted-deserialization
        ObjectInputStream in = new ObjectInputStream(request.getInputStream());
        return in.readObject();
    }

    public Object bacaLokal() throws IOException, ClassNotFoundException {
        // ok: repospbe.java.code-injection.untrusted-deserialization
        ObjectInputStream in = new ObjectInputStream(new FileInputStream("/var/lib/app/state.bin"));
        return in.readObject();
    }

    public Object hitung(HttpServletRequest request) throws ScriptException {
        ScriptEngine engine = new ScriptEngineManager().getEngineByName("javascript");
        String rumus = request.getParameter("rumus");
        // ruleid: repospbe.java.code-injection.script-eval-request
        Object hasil = engine.eval(rumus);
        // ok: repospbe.java.code-injection.script-eval-request
        Object tetap = engine.eval("1 + 1");
        return hasil;
    }
}
