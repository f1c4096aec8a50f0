@NullMarked
package dev.lightbox.admin.service;

import org.jspecify.annotations.NullMarked;
